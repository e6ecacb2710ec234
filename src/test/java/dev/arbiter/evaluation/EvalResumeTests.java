package dev.arbiter.evaluation;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.arbiter.ArbiterApplication;
import dev.arbiter.support.Api;
import dev.arbiter.support.TestDatabases;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A run interrupted by a server stop resumes on the next start and ends with exactly one result per item. */
class EvalResumeTests {

	@Test
	void runInterruptedByARestartFinishesWithExactlyOneResultPerItem() throws Exception {
		var dataDir = TestDatabases.newDataDir();
		try (var simulator = EvalFixture.simulator(120)) {
			String runId;
			try (var first = start(dataDir)) {
				var api = new Api("http://127.0.0.1:" + port(first), Files.readString(dataDir.resolve("admin.key")).trim());
				var suite = EvalFixture.register(api, simulator, "resume", 40);
				runId = api.post("/api/v1/eval-runs", Map.of("suite", suite, "models", List.of("sim-slow"), "concurrency", 2)).id();
				var jdbc = first.getBean(JdbcClient.class);
				await().atMost(Duration.ofSeconds(30)).until(() -> results(jdbc, runId) >= 6);
			}
			try (var second = start(dataDir)) {
				var api = new Api("http://127.0.0.1:" + port(second), Files.readString(dataDir.resolve("admin.key")).trim());
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
					.until(() -> api.get("/api/v1/eval-runs/" + runId).text("status").equals("completed"));
				var jdbc = second.getBean(JdbcClient.class);
				assertThat(results(jdbc, runId)).isEqualTo(40);
				assertThat(jdbc.sql("select count(distinct item_id) from eval_results where run_id = cast(:id as uuid)").param("id", runId)
					.query(Long.class).single()).isEqualTo(40);
				var run = api.get("/api/v1/eval-runs/" + runId).json();
				assertThat(run.path("progress").path("completed").asInt() + run.path("progress").path("failed").asInt()).isEqualTo(40);
				assertThat(jdbc.sql("select count(*) from metric_events where correlation_id = :id").param("id", runId)
					.query(Long.class).single()).isEqualTo(40);
			}
		}
	}

	private static long results(JdbcClient jdbc, String runId) {
		return jdbc.sql("select count(*) from eval_results where run_id = cast(:id as uuid)").param("id", runId).query(Long.class).single();
	}

	private static ConfigurableApplicationContext start(java.nio.file.Path dataDir) {
		return new SpringApplicationBuilder(ArbiterApplication.class).run("--arbiter.data-dir=" + dataDir, "--server.port=0");
	}

	private static String port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getProperty("local.server.port");
	}
}
