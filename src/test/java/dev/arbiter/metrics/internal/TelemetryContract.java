package dev.arbiter.metrics.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.ArbiterApplication;
import dev.arbiter.shared.Time;
import dev.arbiter.support.Api;
import dev.arbiter.telemetry.EventFeed;
import dev.arbiter.telemetry.internal.PartitionMaintenance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Metric events and their aggregation over real HTTP, once per database. The scheduled
 * aggregator is off here ({@code aggregate-every=1h}); tests fold events by calling it, so
 * counts are exact at known points.
 */
@SpringBootTest(classes = ArbiterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "arbiter.metrics.aggregate-every=1h", "arbiter.telemetry.retention-days=60" })
abstract class TelemetryContract {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Aggregator aggregator;

	@Autowired
	EventFeed feed;

	@Autowired
	RollupStore rollups;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	PartitionMaintenance maintenance;

	Api api;

	abstract Path dataDir();

	@BeforeEach
	void connect() throws IOException {
		api = new Api("http://127.0.0.1:" + port, Files.readString(dataDir().resolve("admin.key")).trim());
	}

	@Test
	void sameBatchTwiceIsStoredOnce() {
		var batch = events(50, "idem-" + suffix(), "math");
		var first = api.post("/api/v1/events", batch);
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().path("accepted").asInt()).isEqualTo(50);
		var second = api.post("/api/v1/events", batch);
		assertThat(second.json().path("accepted").asInt()).isZero();
		assertThat(second.json().path("duplicates").asInt()).isEqualTo(50);
		assertThat(eventsOf(batch.get(0).get("model").toString())).isEqualTo(50);
	}

	@Test
	void mixedBatchStoresTheGoodEventsAndNamesWhatIsWrongWithTheOthers() {
		var model = "mixed-" + suffix();
		var batch = new ArrayList<Map<String, Object>>(events(3, model, "code"));
		batch.add(1, Map.of("model", model, "latencyMs", -5));
		batch.add(Map.of("latencyMs", 12, "colour", "blue"));
		batch.add(Map.of("model", model, "confidence", 1.5, "timestamp", "yesterday"));
		var response = api.post("/api/v1/events", batch);
		assertThat(response.status()).isEqualTo(207);
		assertThat(response.json().path("accepted").asInt()).isEqualTo(3);
		var rejected = response.json().path("rejected");
		assertThat(rejected.size()).isEqualTo(3);
		assertThat(rejected.get(0).path("index").asInt()).isEqualTo(1);
		assertThat(rejected.get(0).path("reasons").toString()).contains("latencyMs: must not be negative");
		assertThat(rejected.get(1).path("reasons").toString()).contains("unknown field 'colour'", "model: is required");
		assertThat(rejected.get(2).path("reasons").toString()).contains("confidence", "timestamp");
		assertThat(eventsOf(model)).isEqualTo(3);
	}

	@Test
	void ndjsonIsAcceptedAndOversizedBatchesAreRefusedWhole() {
		var model = "nd-" + suffix();
		var ndjson = "{\"model\":\"" + model + "\",\"latencyMs\":10}\n{\"model\":\"" + model + "\",\"latencyMs\":20}\n";
		var response = api.postRaw("/api/v1/events", ndjson);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(eventsOf(model)).isEqualTo(2);

		var tooMany = events(10_001, "big-" + suffix(), "math");
		var refused = api.post("/api/v1/events", tooMany);
		assertThat(refused.status()).isEqualTo(413);
		assertThat(refused.text("detail")).contains("10000");
		assertThat(api.postRaw("/api/v1/events", "[{\"model\": ").status()).isEqualTo(400);
	}

	@Test
	void costComesFromThePriceInForceWhenTheEventHasNone() {
		var event = new HashMap<String, Object>(Map.of("model", "deepseek-math-7b-instruct", "tokensIn", 1000, "tokensOut", 1000,
				"eventId", UUID.randomUUID().toString()));
		assertThat(api.post("/api/v1/events", List.of(event)).json().path("accepted").asInt()).isEqualTo(1);
		var cost = jdbc.sql("select cost from metric_events where event_id = :id").param("id", UUID.fromString((String) event.get("eventId")))
			.query(java.math.BigDecimal.class).single();
		assertThat(cost).isEqualByComparingTo("0.01");
	}

	@Test
	void concurrentIngestionCountsEveryEventExactlyOnce() throws Exception {
		var model = "concurrent-" + suffix();
		var batches = new ArrayList<List<Map<String, Object>>>();
		for (int i = 0; i < 12; i++) {
			batches.add(events(250, model, i % 2 == 0 ? "math" : "code"));
		}
		var tasks = new ArrayList<Callable<Integer>>();
		for (var batch : batches) {
			tasks.add(() -> api.post("/api/v1/events", batch).json().path("accepted").asInt());
			tasks.add(() -> api.post("/api/v1/events", batch).json().path("accepted").asInt());
		}
		int accepted = 0;
		var pool = Executors.newFixedThreadPool(6);
		try {
			for (var future : pool.invokeAll(tasks)) {
				accepted += future.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(accepted).isEqualTo(3000);
		assertThat(eventsOf(model)).isEqualTo(3000);
		aggregator.catchUp();
		var metrics = api.get("/api/v1/metrics/models?window=24h&model=" + model).json().path("items");
		long requests = 0;
		for (var row : metrics) {
			requests += row.path("requests").asLong();
		}
		assertThat(requests).isEqualTo(3000);
	}

	@Test
	void aCrashMidwayChangesNothingAndARestartedAggregatorCountsEachEventOnce() {
		aggregator.catchUp();
		var model = "crash-" + suffix();
		api.post("/api/v1/events", events(400, model, "math"));
		long watermark = rollups.watermark();

		assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
			long locked = rollups.lockWatermark();
			var batch = feed.read(locked, feed.committedHorizon(), 10_000);
			var deltas = new HashMap<RollupStore.Key, Rollup>();
			for (var event : batch) {
				deltas.computeIfAbsent(new RollupStore.Key(event.orgId(), "h", event.occurredAt().truncatedTo(ChronoUnit.HOURS),
						event.model(), event.domain()), k -> new Rollup()).add(event);
			}
			rollups.addAll(deltas);
			rollups.advanceWatermark(batch.get(batch.size() - 1).seq());
			throw new IllegalStateException("the process dies here");
		})).hasMessageContaining("dies");
		assertThat(rollups.watermark()).isEqualTo(watermark);
		assertThat(rollupCalls(model)).isZero();

		var restarted = new Aggregator(feed, rollups, transaction, new SimpleMeterRegistry());
		restarted.catchUp();
		assertThat(rollupCalls(model)).isEqualTo(400);
		restarted.catchUp();
		aggregator.catchUp();
		assertThat(rollupCalls(model)).isEqualTo(400);
	}

	@Test
	void lateEventsLandInTheirOwnHour() {
		var model = "late-" + suffix();
		api.post("/api/v1/events", events(10, model, "math"));
		aggregator.catchUp();
		var threeDaysAgo = Time.now().minusDays(3).withMinute(30);
		var late = new ArrayList<Map<String, Object>>();
		for (int i = 0; i < 4; i++) {
			late.add(Map.of("model", model, "domain", "math", "latencyMs", 100, "timestamp", threeDaysAgo.toString()));
		}
		api.post("/api/v1/events", late);
		aggregator.catchUp();
		var from = threeDaysAgo.minusHours(2).toInstant().toString();
		var series = api.get("/api/v1/metrics/series?granularity=hour&model=" + model + "&from=" + from).json().path("points");
		assertThat(series.size()).isEqualTo(2);
		assertThat(OffsetDateTime.parse(series.get(0).path("bucket").asString()))
			.isEqualTo(threeDaysAgo.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS));
		assertThat(series.get(0).path("requests").asInt()).isEqualTo(4);
		assertThat(series.get(1).path("requests").asInt()).isEqualTo(10);
		assertThat(api.get("/api/v1/metrics/models?window=7d&model=" + model).json().path("items").get(0).path("requests").asInt())
			.isEqualTo(14);
		assertThat(api.get("/api/v1/metrics/models?window=24h&model=" + model).json().path("items").get(0).path("requests").asInt())
			.isEqualTo(10);
	}

	@Test
	void percentilesAgreeWithExactPercentileContWithinOnePercent() {
		var model = "pct-" + suffix();
		var random = new Random(42);
		var batch = new ArrayList<Map<String, Object>>();
		for (int i = 0; i < 5000; i++) {
			batch.add(Map.of("model", model, "domain", "math", "latencyMs", Math.exp(6 + 0.6 * random.nextGaussian())));
		}
		api.post("/api/v1/events", batch.subList(0, 2500));
		api.post("/api/v1/events", batch.subList(2500, 5000));
		aggregator.catchUp();
		var metrics = api.get("/api/v1/metrics/models?window=24h&model=" + model).json().path("items").get(0);
		for (var q : Map.of("latencyP50Ms", 0.5, "latencyP95Ms", 0.95, "latencyP99Ms", 0.99).entrySet()) {
			double exact = jdbc.sql("select percentile_cont(" + q.getValue() + ") within group (order by latency_ms)"
					+ " from metric_events where model = :model").param("model", model).query(Double.class).single();
			assertThat(metrics.path(q.getKey()).asDouble()).as(q.getKey()).isCloseTo(exact, within(exact * 0.01));
		}
		double exactMean = jdbc.sql("select avg(latency_ms) from metric_events where model = :model").param("model", model)
			.query(Double.class).single();
		assertThat(metrics.path("latencyMeanMs").asDouble()).isCloseTo(exactMean, within(1e-6 * exactMean));
	}

	@Test
	void accuracyIsTheShareOfCorrectBenchmarkCallsPerModelAndDomain() {
		var model = "acc-" + suffix();
		var batch = new ArrayList<Map<String, Object>>();
		for (int i = 0; i < 20; i++) {
			batch.add(Map.of("model", model, "domain", "math", "itemId", "q" + i, "correct", i < 15, "latencyMs", 50));
			batch.add(Map.of("model", model, "domain", "code", "itemId", "c" + i, "correct", i < 5, "latencyMs", 50));
		}
		batch.add(Map.of("model", model, "domain", "math", "latencyMs", 50, "success", false, "errorType", "timeout"));
		api.post("/api/v1/events", batch);
		aggregator.catchUp();
		var board = api.get("/api/v1/leaderboard?domain=math&window=24h").json().path("entries");
		var ours = board.valueStream().filter(e -> e.path("model").asString().equals(model)).findFirst().orElseThrow();
		assertThat(ours.path("accuracy").asDouble()).isEqualTo(0.75);
		assertThat(ours.path("requests").asInt()).isEqualTo(21);
		assertThat(ours.path("failures").asInt()).isEqualTo(1);
		var code = api.get("/api/v1/metrics/models?window=24h&domain=code&model=" + model).json().path("items").get(0);
		assertThat(code.path("accuracy").asDouble()).isEqualTo(0.25);
		var failures = api.get("/api/v1/analytics/failures?model=" + model).json();
		assertThat(failures.path("errorTypes").get(0).path("value").asString()).isEqualTo("timeout");
		assertThat(failures.path("errorTypes").get(0).path("count").asInt()).isEqualTo(1);
	}

	@Test
	void anotherOrganizationSeesNoneOfTheseEvents() {
		var model = "private-" + suffix();
		api.post("/api/v1/events", events(5, model, "math"));
		aggregator.catchUp();
		var other = api.as(api.post("/api/v1/organizations", Map.of("name", "metrics-" + suffix())).json().path("apiKey").path("key").asString());
		assertThat(other.get("/api/v1/metrics/models?window=all").body()).doesNotContain(model);
		assertThat(other.get("/api/v1/analytics/cost?groupBy=model").body()).doesNotContain(model);
		assertThat(api.get("/api/v1/metrics/models?window=all").body()).contains(model);
	}

	@Test
	void retentionDropsOnlyEventsOlderThanItKeeps() {
		var model = "retention-" + suffix();
		var old = Time.now().minusMonths(6);
		maintenance.runAt(old);
		var oldEvents = new ArrayList<Map<String, Object>>();
		for (int i = 0; i < 3; i++) {
			oldEvents.add(Map.of("model", model, "latencyMs", 5, "timestamp", old.toString()));
		}
		api.post("/api/v1/events", oldEvents);
		api.post("/api/v1/events", events(2, model, "math"));
		assertThat(eventsOf(model)).isEqualTo(5);
		maintenance.runAt(Time.now());
		assertThat(eventsOf(model)).isEqualTo(2);
	}

	long rollupCalls(String model) {
		return jdbc.sql("select coalesce(sum(calls), 0) from metric_rollups where model = :model and granularity = 'h'")
			.param("model", model).query(Long.class).single();
	}

	long eventsOf(String model) {
		return jdbc.sql("select count(*) from metric_events where model = :model").param("model", model.replace("\"", ""))
			.query(Long.class).single();
	}

	static List<Map<String, Object>> events(int n, String model, String domain) {
		var list = new ArrayList<Map<String, Object>>(n);
		for (int i = 0; i < n; i++) {
			list.add(Map.of("eventId", UUID.randomUUID().toString(), "model", model, "domain", domain, "latencyMs", 100 + i % 50,
					"tokensIn", 10, "tokensOut", 20, "success", true));
		}
		return list;
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}
