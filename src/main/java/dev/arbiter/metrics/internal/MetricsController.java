package dev.arbiter.metrics.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.arbiter.metrics.MetricsReader;
import dev.arbiter.metrics.ModelDomainMetrics;
import dev.arbiter.metrics.SeriesPoint;
import dev.arbiter.metrics.Window;
import dev.arbiter.shared.InvalidInput;
import dev.arbiter.shared.Time;
import dev.arbiter.telemetry.FailurePatterns;
import dev.arbiter.tenancy.Caller;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Metrics per model × domain, series, the leaderboard, and cost and failure analytics. */
@RestController
@RequestMapping("/api/v1")
class MetricsController {

	private static final Map<String, String> COST_GROUPS = Map.of("model", "model", "tier", "tier", "agent", "agent", "apikey",
			"api_key", "day", "day_bucket");

	private final MetricsReader reader;

	private final RollupQueries queries;

	private final FailurePatterns failures;

	MetricsController(MetricsReader reader, RollupQueries queries, FailurePatterns failures) {
		this.reader = reader;
		this.queries = queries;
		this.failures = failures;
	}

	@GetMapping("/metrics/models")
	Latest models(Caller caller, @RequestParam(required = false) String domain, @RequestParam(required = false) String model,
			@RequestParam(defaultValue = "7d") String window) {
		var w = Window.fromWire(window);
		return new Latest(w, reader.latest(caller.orgId(), w, domain, model));
	}

	@GetMapping("/metrics/series")
	Series series(Caller caller, @RequestParam(required = false) String model, @RequestParam(required = false) String domain,
			@RequestParam(defaultValue = "day") MetricsReader.Granularity granularity,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
		var end = to == null ? Time.now() : to;
		var start = from == null ? end.minusDays(30) : from;
		requireOrder(start, end);
		return new Series(granularity, start, end, reader.series(caller.orgId(), model, domain, granularity, start, end));
	}

	/** Models ranked by accuracy in a domain (or overall), with latency and cost beside it. */
	@GetMapping("/leaderboard")
	Leaderboard leaderboard(Caller caller, @RequestParam(required = false) String domain,
			@RequestParam(defaultValue = "7d") String window) {
		var w = Window.fromWire(window);
		var ranked = reader.latest(caller.orgId(), w, domain, null)
			.stream()
			.sorted(Comparator.comparing(ModelDomainMetrics::accuracy, Comparator.nullsLast(Comparator.reverseOrder()))
				.thenComparing(ModelDomainMetrics::latencyP95Ms, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(ModelDomainMetrics::model))
			.toList();
		var entries = new java.util.ArrayList<Entry>(ranked.size());
		for (int i = 0; i < ranked.size(); i++) {
			entries.add(new Entry(i + 1, ranked.get(i)));
		}
		return new Leaderboard(w, domain, entries);
	}

	@GetMapping("/analytics/cost")
	Cost cost(Caller caller, @RequestParam(defaultValue = "model") String groupBy,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
		var column = COST_GROUPS.get(groupBy.toLowerCase());
		if (column == null) {
			throw new InvalidInput("groupBy", "must be one of model, tier, agent, apiKey, day");
		}
		var end = (to == null ? Time.now() : to).withOffsetSameInstant(ZoneOffset.UTC);
		var start = (from == null ? end.minusDays(30) : from).withOffsetSameInstant(ZoneOffset.UTC);
		requireOrder(start, end);
		var firstDay = start.truncatedTo(ChronoUnit.DAYS);
		var endDay = end.truncatedTo(ChronoUnit.DAYS).equals(end) ? end : end.truncatedTo(ChronoUnit.DAYS).plusDays(1);
		var rows = queries.costBy(caller.orgId(), column, firstDay, endDay)
			.stream()
			.map(row -> new CostRow(String.valueOf(row.get("grp")), ((Number) row.get("calls")).longValue(),
					((Number) row.get("tokens_in")).longValue(), ((Number) row.get("tokens_out")).longValue(),
					new java.math.BigDecimal(row.get("cost").toString())))
			.toList();
		return new Cost(groupBy, firstDay, endDay, rows);
	}

	@GetMapping("/analytics/failures")
	FailurePatterns.Report failures(Caller caller, @RequestParam(required = false) String model,
			@RequestParam(required = false) String domain,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to) {
		var end = to == null ? Time.now().plusSeconds(1) : to;
		var start = from == null ? end.minusDays(7) : from;
		requireOrder(start, end);
		return failures.between(caller.orgId(), model, domain, start, end);
	}

	private static void requireOrder(OffsetDateTime from, OffsetDateTime to) {
		if (!from.isBefore(to)) {
			throw new InvalidInput("from", "must be before 'to'");
		}
	}

	record Latest(Window window, List<ModelDomainMetrics> items) {
	}

	record Series(MetricsReader.Granularity granularity, OffsetDateTime from, OffsetDateTime to, List<SeriesPoint> points) {
	}

	record Entry(int rank, @com.fasterxml.jackson.annotation.JsonUnwrapped ModelDomainMetrics metrics) {
	}

	record Leaderboard(Window window, String domain, List<Entry> entries) {
	}

	record CostRow(String group, long calls, long tokensIn, long tokensOut, java.math.BigDecimal cost) {
	}

	record Cost(String groupBy, OffsetDateTime from, OffsetDateTime to, List<CostRow> rows) {
	}
}
