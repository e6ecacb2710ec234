package dev.arbiter.metrics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.arbiter.metrics.MetricsReader.Granularity;
import dev.arbiter.metrics.ModelDomainMetrics;
import dev.arbiter.metrics.SeriesPoint;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads rollups and merges them: the stored rows of a window (a few per model × domain × bucket)
 * fold into one {@link Rollup} per group, sketches included, so percentiles of any window come
 * from mergeable sketches rather than from events.
 */
@Component
public class RollupQueries {

	private final JdbcTemplate jdbc;

	RollupQueries(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public List<ModelDomainMetrics> latest(UUID orgId, String granularity, OffsetDateTime since, String domain, String model) {
		var sql = new StringBuilder("select model, domain, " + RollupStore.COLUMNS
				+ " from metric_rollups where org_id = ? and granularity = ?");
		var args = new ArrayList<Object>(List.of(orgId, granularity));
		if (since != null) {
			sql.append(" and bucket >= ?");
			args.add(since);
		}
		if (domain != null) {
			sql.append(" and domain = ?");
			args.add(domain);
		}
		if (model != null) {
			sql.append(" and model = ?");
			args.add(model);
		}
		var groups = new TreeMap<String, Rollup>();
		var names = new LinkedHashMap<String, String[]>();
		jdbc.query(sql.toString(), rs -> {
			var key = rs.getString("model") + "\u0000" + rs.getString("domain");
			names.putIfAbsent(key, new String[] { rs.getString("model"), rs.getString("domain") });
			var rollup = RollupStore.read(rs);
			groups.merge(key, rollup, (a, b) -> {
				a.merge(b);
				return a;
			});
		}, args.toArray());
		var result = new ArrayList<ModelDomainMetrics>(groups.size());
		groups.forEach((key, rollup) -> result.add(metrics(names.get(key)[0], names.get(key)[1], rollup)));
		return result;
	}

	public List<SeriesPoint> series(UUID orgId, String model, String domain, Granularity granularity, OffsetDateTime from,
			OffsetDateTime to) {
		var sql = new StringBuilder("select bucket, " + RollupStore.COLUMNS
				+ " from metric_rollups where org_id = ? and granularity = ? and bucket >= ? and bucket < ?");
		var args = new ArrayList<Object>(List.of(orgId, granularity == Granularity.HOUR ? "h" : "d", from, to));
		if (domain != null) {
			sql.append(" and domain = ?");
			args.add(domain);
		}
		if (model != null) {
			sql.append(" and model = ?");
			args.add(model);
		}
		var buckets = new TreeMap<OffsetDateTime, Rollup>();
		jdbc.query(sql.toString(), rs -> {
			var bucket = bucketOf(rs.getObject("bucket", OffsetDateTime.class), granularity);
			buckets.merge(bucket, RollupStore.read(rs), (a, b) -> {
				a.merge(b);
				return a;
			});
		}, args.toArray());
		var points = new ArrayList<SeriesPoint>(buckets.size());
		buckets.forEach((bucket, r) -> points.add(new SeriesPoint(bucket, r.calls, rate(r.calls - r.successes, r.calls),
				rate(r.correct, r.benchmarkCalls), mean(r.latencySum, r.latencyCount), r.latencyQuantile(0.5),
				r.latencyQuantile(0.95), r.latencyQuantile(0.99), r.tokensIn, r.tokensOut, r.costSum)));
		return points;
	}

	static OffsetDateTime bucketOf(OffsetDateTime time, Granularity granularity) {
		var utc = time.withOffsetSameInstant(ZoneOffset.UTC);
		return switch (granularity) {
			case HOUR -> utc.truncatedTo(ChronoUnit.HOURS);
			case DAY -> utc.truncatedTo(ChronoUnit.DAYS);
			case WEEK -> utc.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			case MONTH -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
		};
	}

	static ModelDomainMetrics metrics(String model, String domain, Rollup r) {
		long failures = r.calls - r.successes;
		return new ModelDomainMetrics(model, domain, r.calls, failures, rate(failures, r.calls), r.benchmarkCalls,
				rate(r.correct, r.benchmarkCalls), mean(r.latencySum, r.latencyCount), r.latencyVariance(),
				r.latencyQuantile(0.5), r.latencyQuantile(0.95), r.latencyQuantile(0.99), mean(r.ttftSum, r.ttftCount),
				mean(r.confidenceSum, r.confidenceCount), r.calls == 0 ? null : (double) (r.tokensIn + r.tokensOut) / r.calls,
				r.calls == 0 ? null : r.costSum.divide(BigDecimal.valueOf(r.calls), 10, RoundingMode.HALF_UP).doubleValue(),
				r.costSum, rate(r.truncated, r.calls), r.lastEventAt);
	}

	static Double rate(long part, long whole) {
		return whole == 0 ? null : (double) part / whole;
	}

	static Double mean(double sum, long count) {
		return count == 0 ? null : sum / count;
	}

	/** Cost per group ({@code model}, {@code tier}, {@code agent}, {@code apiKey} or {@code day}) between two times. */
	public List<Map<String, Object>> costBy(UUID orgId, String column, OffsetDateTime from, OffsetDateTime to) {
		return jdbc.queryForList("select " + column + " as grp, sum(calls) as calls, sum(tokens_in) as tokens_in,"
				+ " sum(tokens_out) as tokens_out, sum(cost_sum) as cost from cost_rollups"
				+ " where org_id = ? and day_bucket >= ? and day_bucket < ? group by " + column + " order by sum(cost_sum) desc, " + column,
				orgId, from, to);
	}
}
