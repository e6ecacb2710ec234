package dev.arbiter.metrics.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of rollups, cost rollups and the aggregation watermark. */
@Repository
class RollupStore {

	static final String COLUMNS = """
			calls, successes, benchmark_calls, correct, truncated, latency_count, latency_sum, latency_sumsq, ttft_count, ttft_sum,
			tokens_in, tokens_out, tokens_sumsq, cost_sum, cost_sumsq, confidence_count, confidence_sum, confidence_sumsq,
			latency_sketch, last_event_at""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	RollupStore(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	record Key(UUID orgId, String granularity, OffsetDateTime bucket, String model, String domain) {
	}

	record CostKey(UUID orgId, OffsetDateTime day, String model, String tier, String agent, String apiKey) {
	}

	/** Locks the watermark row for this transaction and answers it. */
	long lockWatermark() {
		return jdbc.sql("select last_seq from aggregation_watermarks where name = 'rollups' for update").query(Long.class).single();
	}

	void advanceWatermark(long seq) {
		jdbc.sql("update aggregation_watermarks set last_seq = :seq, updated_at = current_timestamp where name = 'rollups'")
			.param("seq", seq)
			.update();
	}

	long watermark() {
		return jdbc.sql("select last_seq from aggregation_watermarks where name = 'rollups'").query(Long.class).single();
	}

	/** Adds the deltas to the stored rollups (merging sketches), inserting the keys that are new. */
	void addAll(Map<Key, Rollup> deltas) {
		var existing = new HashMap<Key, Rollup>();
		var ranges = new HashMap<List<Object>, OffsetDateTime[]>();
		for (var key : deltas.keySet()) {
			ranges.merge(List.of(key.orgId(), key.granularity()), new OffsetDateTime[] { key.bucket(), key.bucket() },
					(a, b) -> new OffsetDateTime[] { a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1] });
		}
		ranges.forEach((scope, range) -> load((UUID) scope.get(0), (String) scope.get(1), range[0], range[1], deltas, existing));
		var updates = new ArrayList<Map.Entry<Key, Rollup>>();
		var inserts = new ArrayList<Map.Entry<Key, Rollup>>();
		deltas.forEach((key, delta) -> {
			var stored = existing.get(key);
			if (stored == null) {
				inserts.add(Map.entry(key, delta));
			}
			else {
				stored.merge(delta);
				updates.add(Map.entry(key, stored));
			}
		});
		template.batchUpdate("insert into metric_rollups (" + COLUMNS + ", org_id, granularity, bucket, model, domain)"
				+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts, 500,
				(statement, entry) -> bind(statement, entry.getKey(), entry.getValue()));
		template.batchUpdate("""
				update metric_rollups set calls = ?, successes = ?, benchmark_calls = ?, correct = ?, truncated = ?,
				    latency_count = ?, latency_sum = ?, latency_sumsq = ?, ttft_count = ?, ttft_sum = ?, tokens_in = ?,
				    tokens_out = ?, tokens_sumsq = ?, cost_sum = ?, cost_sumsq = ?, confidence_count = ?, confidence_sum = ?,
				    confidence_sumsq = ?, latency_sketch = ?, last_event_at = ?
				where org_id = ? and granularity = ? and bucket = ? and model = ? and domain = ?
				""", updates, 500, (statement, entry) -> bind(statement, entry.getKey(), entry.getValue()));
	}

	/** Loads (and locks) the stored rollups of one organization and granularity between two buckets that the deltas touch. */
	private void load(UUID orgId, String granularity, OffsetDateTime from, OffsetDateTime to, Map<Key, Rollup> deltas,
			Map<Key, Rollup> into) {
		template.query("select org_id, granularity, bucket, model, domain, " + COLUMNS + " from metric_rollups"
				+ " where org_id = ? and granularity = ? and bucket >= ? and bucket <= ? for update", rs -> {
					var key = new Key(rs.getObject("org_id", UUID.class), rs.getString("granularity"),
							rs.getObject("bucket", OffsetDateTime.class).withOffsetSameInstant(java.time.ZoneOffset.UTC),
							rs.getString("model"), rs.getString("domain"));
					if (deltas.containsKey(key)) {
						into.put(key, read(rs));
					}
				}, orgId, granularity, from, to);
	}

	static Rollup read(ResultSet rs) throws SQLException {
		var rollup = new Rollup();
		rollup.calls = rs.getLong("calls");
		rollup.successes = rs.getLong("successes");
		rollup.benchmarkCalls = rs.getLong("benchmark_calls");
		rollup.correct = rs.getLong("correct");
		rollup.truncated = rs.getLong("truncated");
		rollup.latencyCount = rs.getLong("latency_count");
		rollup.latencySum = rs.getDouble("latency_sum");
		rollup.latencySumsq = rs.getDouble("latency_sumsq");
		rollup.ttftCount = rs.getLong("ttft_count");
		rollup.ttftSum = rs.getDouble("ttft_sum");
		rollup.tokensIn = rs.getLong("tokens_in");
		rollup.tokensOut = rs.getLong("tokens_out");
		rollup.tokensSumsq = rs.getDouble("tokens_sumsq");
		rollup.costSum = rs.getBigDecimal("cost_sum");
		rollup.costSumsq = rs.getDouble("cost_sumsq");
		rollup.confidenceCount = rs.getLong("confidence_count");
		rollup.confidenceSum = rs.getDouble("confidence_sum");
		rollup.confidenceSumsq = rs.getDouble("confidence_sumsq");
		rollup.mergeSketch(rs.getBytes("latency_sketch"));
		rollup.lastEventAt = rs.getObject("last_event_at", OffsetDateTime.class);
		return rollup;
	}

	private static void bind(java.sql.PreparedStatement s, Key key, Rollup r) throws SQLException {
		int i = 1;
		s.setLong(i++, r.calls);
		s.setLong(i++, r.successes);
		s.setLong(i++, r.benchmarkCalls);
		s.setLong(i++, r.correct);
		s.setLong(i++, r.truncated);
		s.setLong(i++, r.latencyCount);
		s.setDouble(i++, r.latencySum);
		s.setDouble(i++, r.latencySumsq);
		s.setLong(i++, r.ttftCount);
		s.setDouble(i++, r.ttftSum);
		s.setLong(i++, r.tokensIn);
		s.setLong(i++, r.tokensOut);
		s.setDouble(i++, r.tokensSumsq);
		s.setBigDecimal(i++, r.costSum);
		s.setDouble(i++, r.costSumsq);
		s.setLong(i++, r.confidenceCount);
		s.setDouble(i++, r.confidenceSum);
		s.setDouble(i++, r.confidenceSumsq);
		s.setBytes(i++, r.sketchBytes());
		s.setObject(i++, r.lastEventAt);
		s.setObject(i++, key.orgId());
		s.setString(i++, key.granularity());
		s.setObject(i++, key.bucket());
		s.setString(i++, key.model());
		s.setString(i, key.domain());
	}

	/** Adds calls, tokens and cost per day × model × tier × agent × API key. */
	void addCosts(Map<CostKey, long[]> counts, Map<CostKey, BigDecimal> costs) {
		var keys = new ArrayList<>(counts.keySet());
		int[][] updated = template.batchUpdate("""
				update cost_rollups set calls = calls + ?, tokens_in = tokens_in + ?, tokens_out = tokens_out + ?, cost_sum = cost_sum + ?
				where org_id = ? and day_bucket = ? and model = ? and tier = ? and agent = ? and api_key = ?
				""", keys, 500, (s, key) -> bindCost(s, key, counts.get(key), costs.get(key)));
		var missing = new ArrayList<CostKey>();
		int index = 0;
		for (int[] batch : updated) {
			for (int count : batch) {
				if (count == 0) {
					missing.add(keys.get(index));
				}
				index++;
			}
		}
		template.batchUpdate("""
				insert into cost_rollups (calls, tokens_in, tokens_out, cost_sum, org_id, day_bucket, model, tier, agent, api_key)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", missing, 500, (s, key) -> bindCost(s, key, counts.get(key), costs.get(key)));
	}

	private static void bindCost(java.sql.PreparedStatement s, CostKey key, long[] count, BigDecimal cost) throws SQLException {
		s.setLong(1, count[0]);
		s.setLong(2, count[1]);
		s.setLong(3, count[2]);
		s.setBigDecimal(4, cost);
		s.setObject(5, key.orgId());
		s.setObject(6, key.day());
		s.setString(7, key.model());
		s.setString(8, key.tier());
		s.setString(9, key.agent());
		s.setString(10, key.apiKey());
	}
}
