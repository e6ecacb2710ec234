package dev.arbiter.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.postgresql.PGConnection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.arbiter.support.TestDatabases;

/**
 * Analytics at scale: loads N events (default 10 million) spread over the last 30 days into a
 * fresh PostgreSQL database in time order (as live traffic arrives), lets the server's aggregator
 * fold them, then measures the leaderboard, latest metrics and a 30-day daily series over HTTP
 * (p50/p95 of 100 requests each) against the same numbers computed by GROUP BY over the raw
 * events, and checks the percentiles against exact {@code percentile_cont}.
 * Run: {@code bench/run.sh AnalyticsBenchmark [events]}.
 */
public final class AnalyticsBenchmark {

	public static void main(String[] args) throws Exception {
		long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
		var json = JsonMapper.builder().build();
		try (var server = BenchServer.start(); var db = DriverManager.getConnection(server.dbUrl, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)) {
			var http = HttpClient.newHttpClient();
			var org = UUID.fromString(get(http, server, "/api/v1/organizations", json).path("items").get(0).path("id").asString());
			var now = OffsetDateTime.now(ZoneOffset.UTC);
			var start = now.minusDays(30);

			long loadStart = System.nanoTime();
			db.unwrap(PGConnection.class).getCopyAPI().copyIn("copy metric_events (org_id, event_id, occurred_at, received_at, model,"
					+ " domain, source, latency_ms, tokens_in, tokens_out, cost, success, item_id, correct) from stdin (format csv)",
					new EventCsv(org, start, now, events));
			double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
			long maxSeq = scalar(db, "select max(seq) from metric_events");

			long aggregateStart = System.nanoTime();
			while (scalar(db, "select last_seq from aggregation_watermarks where name = 'rollups'") < maxSeq) {
				Thread.sleep(1000);
			}
			double aggregateSeconds = (System.nanoTime() - aggregateStart) / 1e9;
			long rollupRows = scalar(db, "select count(*) from metric_rollups");

			var out = new LinkedHashMap<String, Object>();
			out.put("events", events);
			out.put("copyLoadSeconds", round(loadSeconds));
			out.put("aggregationSeconds", round(aggregateSeconds));
			out.put("aggregatedEventsPerSecond", Math.round(events / aggregateSeconds));
			out.put("rollupRows", rollupRows);
			var endpoints = Map.of("leaderboard30d", "/api/v1/leaderboard?window=30d",
					"latestMetrics7d", "/api/v1/metrics/models?window=7d",
					"series30dDaily", "/api/v1/metrics/series?granularity=day&model=" + EventCsv.MODELS[1] + "&domain=math&from="
							+ now.truncatedTo(ChronoUnit.DAYS).minusDays(29).toInstant());
			for (var endpoint : new java.util.TreeMap<>(endpoints).entrySet()) {
				var times = new ArrayList<Double>();
				for (int i = 0; i < 110; i++) {
					long t = System.nanoTime();
					get(http, server, endpoint.getValue(), json);
					if (i >= 10) {
						times.add((System.nanoTime() - t) / 1e6);
					}
				}
				times.sort(Double::compare);
				out.put(endpoint.getKey() + "P50Ms", round(times.get(times.size() / 2)));
				out.put(endpoint.getKey() + "P95Ms", round(times.get((int) (times.size() * 0.95))));
			}

			var since30 = now.truncatedTo(ChronoUnit.DAYS).minusDays(29);
			var since7 = now.truncatedTo(ChronoUnit.DAYS).minusDays(6);
			String perGroup = "select model, domain, count(*) as n, avg(case when correct then 1.0 when correct is not null then 0.0 end) as accuracy, avg(latency_ms),"
					+ " percentile_cont(0.5) within group (order by latency_ms) as p50,"
					+ " percentile_cont(0.95) within group (order by latency_ms) as p95,"
					+ " percentile_cont(0.99) within group (order by latency_ms) as p99, sum(cost)"
					+ " from metric_events where org_id = ? and occurred_at >= ? group by model, domain";
			out.put("rawLeaderboard30dMs", round(timeQuery(db, perGroup, org, since30)));
			out.put("rawLatestMetrics7dMs", round(timeQuery(db, perGroup, org, since7)));
			out.put("rawSeries30dDailyMs", round(timeQuery(db, "select date_trunc('day', occurred_at), count(*),"
					+ " percentile_cont(0.95) within group (order by latency_ms) from metric_events where org_id = ? and occurred_at >= ?"
					+ " and model = '" + EventCsv.MODELS[1] + "' and domain = 'math' group by 1", org, since30)));

			// Percentiles of the API against exact percentile_cont, per model x domain over 30 days.
			var exact = new HashMap<String, double[]>();
			try (var statement = db.prepareStatement(perGroup)) {
				statement.setObject(1, org);
				statement.setObject(2, since30);
				try (var rows = statement.executeQuery()) {
					while (rows.next()) {
						exact.put(rows.getString(1) + "/" + rows.getString(2),
								new double[] { rows.getDouble("p50"), rows.getDouble("p95"), rows.getDouble("p99"), rows.getDouble("accuracy") });
					}
				}
			}
			double worst = 0;
			double worstAccuracy = 0;
			for (var entry : get(http, server, "/api/v1/metrics/models?window=30d", json).path("items")) {
				var e = exact.get(entry.path("model").asString() + "/" + entry.path("domain").asString());
				var api = new double[] { entry.path("latencyP50Ms").asDouble(), entry.path("latencyP95Ms").asDouble(),
						entry.path("latencyP99Ms").asDouble() };
				for (int i = 0; i < 3; i++) {
					worst = Math.max(worst, Math.abs(api[i] - e[i]) / e[i]);
				}
				worstAccuracy = Math.max(worstAccuracy, Math.abs(entry.path("accuracy").asDouble() - e[3]));
			}
			out.put("worstPercentileRelativeError", String.format("%.5f", worst));
			out.put("worstAccuracyDifference", String.format("%.6f", worstAccuracy));
			System.out.println("AnalyticsBenchmark " + out);
		}
	}

	static double timeQuery(Connection db, String sql, UUID org, OffsetDateTime since) throws Exception {
		var times = new ArrayList<Double>();
		for (int i = 0; i < 3; i++) {
			long t = System.nanoTime();
			try (var statement = db.prepareStatement(sql)) {
				statement.setObject(1, org);
				statement.setObject(2, since);
				try (var rows = statement.executeQuery()) {
					while (rows.next()) {
						rows.getObject(1);
					}
				}
			}
			times.add((System.nanoTime() - t) / 1e6);
		}
		times.sort(Double::compare);
		return times.get(1);
	}

	static long scalar(Connection db, String sql) throws Exception {
		try (var statement = db.createStatement(); var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	static JsonNode get(HttpClient http, BenchServer server, String path, JsonMapper json) throws Exception {
		var response = http.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization", "Bearer " + server.key)
			.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	static double round(double value) {
		return Math.round(value * 100) / 100.0;
	}

	/** Generates the events as CSV on the fly, in time order, so 10 million rows need no memory. */
	static final class EventCsv extends Reader {

		static final String[] MODELS = IngestBenchmark.MODELS;

		static final String[] DOMAINS = IngestBenchmark.DOMAINS;

		private final UUID org;

		private final OffsetDateTime start;

		private final double stepMillis;

		private final long total;

		private final Random random = new Random(11);

		private final Map<String, Double> accuracy = new HashMap<>();

		private long produced;

		private String line = "";

		private int position;

		EventCsv(UUID org, OffsetDateTime start, OffsetDateTime end, long total) {
			this.org = org;
			this.start = start;
			this.total = total;
			this.stepMillis = (double) Duration.between(start, end).toMillis() / total;
			for (int m = 0; m < MODELS.length; m++) {
				for (var domain : DOMAINS) {
					accuracy.put(MODELS[m] + domain, 0.3 + 0.6 * new Random(m * 31L + domain.hashCode()).nextDouble());
				}
			}
		}

		@Override
		public int read(char[] buffer, int offset, int length) {
			int written = 0;
			while (written < length) {
				if (position == line.length()) {
					if (produced == total) {
						return written == 0 ? -1 : written;
					}
					line = nextLine();
					position = 0;
				}
				int n = Math.min(length - written, line.length() - position);
				line.getChars(position, position + n, buffer, offset + written);
				position += n;
				written += n;
			}
			return written;
		}

		private String nextLine() {
			var at = start.plusNanos((long) (produced * stepMillis * 1_000_000));
			produced++;
			var model = MODELS[random.nextInt(MODELS.length)];
			var domain = DOMAINS[random.nextInt(DOMAINS.length)];
			double latency = Math.round(Math.exp(6 + 0.6 * random.nextGaussian() + model.length() % 3 * 0.2) * 100) / 100.0;
			int in = 50 + random.nextInt(500);
			int out = 20 + random.nextInt(300);
			boolean benchmark = random.nextInt(4) == 0;
			String correct = benchmark ? String.valueOf(random.nextDouble() < accuracy.get(model + domain)) : "";
			return org + "," + new UUID(random.nextLong(), random.nextLong()) + "," + at + "," + at + "," + model + "," + domain
					+ ",api," + latency + "," + in + "," + out + "," + String.format("%.8f", (in + out) * 1e-6) + ","
					+ (random.nextInt(100) != 0) + "," + (benchmark ? "item-" + random.nextInt(1000) : "") + "," + correct + "\n";
		}

		@Override
		public void close() throws IOException {
		}
	}

	private AnalyticsBenchmark() {
	}
}
