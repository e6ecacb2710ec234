package dev.arbiter.evaluation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.arbiter.ArbiterApplication;
import dev.arbiter.inference.simulator.Simulator;
import dev.arbiter.support.Api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/** Evaluation runs end to end over real HTTP against the simulator, once per database. */
@SpringBootTest(classes = ArbiterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class EvalContract {

	static Simulator simulator;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	abstract Path dataDir();

	@BeforeEach
	void connect() throws IOException {
		api = new Api("http://127.0.0.1:" + port, Files.readString(dataDir().resolve("admin.key")).trim());
		if (simulator == null) {
			simulator = EvalFixture.simulator(150);
		}
	}

	@AfterAll
	static void stopSimulator() {
		if (simulator != null) {
			simulator.close();
			simulator = null;
		}
	}

	@Test
	void runReportsTheAccuracyTheSimulatorWasToldAndRecordsEveryCallAsAnEvent() {
		var suite = EvalFixture.register(api, simulator, "arith-" + suffix(), EvalFixture.ITEMS);
		var created = api.post("/api/v1/eval-runs", Map.of("suite", suite, "models", List.of("sim-good", "sim-poor"),
				"concurrency", 16, "params", Map.of("temperature", 0, "seed", 7)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().path("total").asInt()).isEqualTo(200);
		var run = awaitEnd(created.id());
		assertThat(run.path("status").asString()).isEqualTo("completed");
		assertThat(run.path("progress").path("completed").asInt()).isEqualTo(200);

		var good = summary(run, "sim-good");
		var poor = summary(run, "sim-poor");
		assertThat(good.path("accuracy").asDouble()).isCloseTo(0.9, within(0.03));
		assertThat(poor.path("accuracy").asDouble()).isCloseTo(0.6, within(0.03));
		assertThat(good.path("calls").asInt()).isEqualTo(100);
		assertThat(good.path("meanScores").path("numeric").asDouble()).isEqualTo(good.path("accuracy").asDouble());
		assertThat(good.path("tokensIn").asLong()).isPositive();
		assertThat(good.path("cost").asDouble()).isPositive();
		assertThat(good.path("latencyP95Ms").asDouble()).isPositive();

		var results = api.get("/api/v1/eval-runs/" + created.id() + "/results?model=sim-good&size=500").json();
		assertThat(results.path("total").asInt()).isEqualTo(100);
		var first = results.path("items").get(0);
		assertThat(first.path("output").asString()).startsWith("The answer is");
		assertThat(first.path("scores").get(0).path("name").asString()).isEqualTo("numeric");

		long events = jdbc.sql("select count(*) from metric_events where source = 'eval' and correlation_id = :run")
			.param("run", created.id()).query(Long.class).single();
		assertThat(events).isEqualTo(200);
		long correct = jdbc.sql("select count(*) from metric_events where correlation_id = :run and model = 'sim-good' and correct = true")
			.param("run", created.id()).query(Long.class).single();
		assertThat(correct / 100.0).isEqualTo(good.path("accuracy").asDouble());
	}

	@Test
	void cliEvalGatesOnAccuracyAndWritesJsonlAndJunit() throws Exception {
		var name = "cli-" + suffix();
		EvalFixture.register(api, simulator, name, 20);
		var dir = Files.createTempDirectory("arbiter-eval-cli");
		var out = new java.io.StringWriter();
		var cli = dev.arbiter.cli.ArbiterCommand.commandLine();
		cli.setOut(new java.io.PrintWriter(out));
		cli.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
		int code = cli.execute("eval", "--server", "http://127.0.0.1:" + port, "--api-key",
				Files.readString(dataDir().resolve("admin.key")).trim(), "--suite", name, "--models", "sim-good,sim-poor",
				"--concurrency", "8", "--fail-under", "0.75", "--output", dir.resolve("results.jsonl").toString(), "--junit",
				dir.resolve("report.xml").toString());
		assertThat(code).as(out.toString()).isEqualTo(1);
		assertThat(out.toString()).contains("sim-good", "sim-poor", "FAIL sim-poor");
		assertThat(out.toString()).doesNotContain("FAIL sim-good");
		assertThat(Files.readAllLines(dir.resolve("results.jsonl"))).hasSize(40);
		var junit = Files.readString(dir.resolve("report.xml"));
		assertThat(junit).contains("tests=\"2\"", "failures=\"1\"", "<failure");

		int passing = dev.arbiter.cli.ArbiterCommand.commandLine().execute("eval", "--server", "http://127.0.0.1:" + port, "--api-key",
				Files.readString(dataDir().resolve("admin.key")).trim(), "--suite", name, "--models", "sim-good", "--fail-under", "0.5");
		assertThat(passing).isZero();
	}

	@Test
	void judgeAndReferenceModelScoreAnswers() throws Exception {
		try (var grader = new GraderStub()) {
			var name = "graded-" + suffix();
			EvalFixture.register(api, simulator, name, 30);
			var agent = api.post("/api/v1/agents", Map.of("name", "grader-" + suffix(), "baseUrl", grader.baseUrl(), "apiType", "openai")).id();
			var judge = api.post("/api/v1/models", Map.of("name", "judge-" + suffix())).json();
			api.post("/api/v1/assignments", Map.of("agentId", agent, "modelId", judge.path("id").asString()));
			var suiteId = api.get("/api/v1/suites?name=" + name).json().path("items").get(0).path("id").asString();
			assertThat(api.patch("/api/v1/suites/" + suiteId, Map.of("scoring", List.of(Map.of("type", "numeric"),
					Map.of("type", "judge", "model", judge.path("name").asString(), "threshold", 0.7),
					Map.of("type", "reference", "model", judge.path("name").asString(), "similarity", "exact")))).status())
				.isEqualTo(200);
			var run = awaitEnd(api.post("/api/v1/eval-runs", Map.of("suite", suiteId, "models", List.of("sim-good"), "concurrency", 8)).id());
			var good = summary(run, "sim-good");
			assertThat(good.path("meanScores").path("judge").asDouble()).isCloseTo(0.8, within(1e-9));
			assertThat(good.path("meanScores").path("reference").asDouble())
				.isCloseTo(good.path("meanScores").path("numeric").asDouble(), within(1e-9));
			assertThat(good.path("accuracy").asDouble()).isCloseTo(good.path("meanScores").path("numeric").asDouble(), within(1e-9));
		}
	}

	@Test
	void cancelStopsCalls() {
		var suite = EvalFixture.register(api, simulator, "cancel-" + suffix(), EvalFixture.ITEMS);
		var created = api.post("/api/v1/eval-runs", Map.of("suite", suite, "models", List.of("sim-slow"), "concurrency", 2));
		assertThat(created.status()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(20)).until(() -> resultCount(created.id()) >= 2);
		var cancelled = api.post("/api/v1/eval-runs/" + created.id() + "/cancel", Map.of());
		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.text("status")).isEqualTo("cancelled");
		long atCancel = resultCount(created.id());
		await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
		assertThat(resultCount(created.id())).isEqualTo(atCancel).isLessThan(EvalFixture.ITEMS);
		assertThat(api.post("/api/v1/eval-runs/" + created.id() + "/cancel", Map.of()).status()).isEqualTo(409);
	}

	@Test
	void progressStreamsAsServerSentEventsUntilTheRunEnds() throws Exception {
		var suite = EvalFixture.register(api, simulator, "sse-" + suffix(), 10);
		var created = api.post("/api/v1/eval-runs", Map.of("suite", suite, "models", List.of("sim-good"), "concurrency", 2));
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/eval-runs/" + created.id() + "/events"))
			.header("Authorization", "Bearer " + Files.readString(dataDir().resolve("admin.key")).trim())
			.header("Accept", "text/event-stream")
			.timeout(Duration.ofSeconds(60))
			.build();
		var lines = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines()).body().toList();
		assertThat(lines).contains("event:done");
		var last = lines.stream().filter(line -> line.startsWith("data:")).reduce((a, b) -> b).orElseThrow();
		assertThat(last).contains("\"status\":\"completed\"", "\"completed\":10");
	}

	@Test
	void badRunRequestsAreRefusedAndChangeNothing() {
		var suite = EvalFixture.register(api, simulator, "bad-" + suffix(), 5);
		long runs = jdbc.sql("select count(*) from eval_runs").query(Long.class).single();
		var unknownModel = api.post("/api/v1/eval-runs", Map.of("suite", suite, "models", List.of("no-such-model")));
		assertThat(unknownModel.status()).isEqualTo(400);
		assertThat(unknownModel.json().path("errors").get(0).path("field").asString()).isEqualTo("models");
		assertThat(api.post("/api/v1/eval-runs", Map.of("suite", "no-such-suite", "models", List.of("sim-good"))).status()).isEqualTo(400);
		assertThat(api.post("/api/v1/eval-runs", Map.of("suite", UUID.randomUUID().toString(), "models", List.of("sim-good"))).status())
			.isEqualTo(404);
		assertThat(api.post("/api/v1/eval-runs", Map.of("suite", suite, "models", List.of("sim-good"), "concurrency", 0)).status())
			.isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from eval_runs").query(Long.class).single()).isEqualTo(runs);

		var run = api.post("/api/v1/eval-runs", Map.of("suite", suite, "models", List.of("sim-good"))).id();
		var other = api.as(api.post("/api/v1/organizations", Map.of("name", "eval-other-" + suffix())).json().path("apiKey").path("key").asString());
		assertThat(other.get("/api/v1/eval-runs/" + run).status()).isEqualTo(404);
		assertThat(other.post("/api/v1/eval-runs/" + run + "/cancel", Map.of()).status()).isEqualTo(404);
		assertThat(other.get("/api/v1/eval-runs/" + run + "/results").status()).isEqualTo(404);
	}

	JsonNode awaitEnd(String runId) {
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
			.until(() -> List.of("completed", "failed", "cancelled").contains(api.get("/api/v1/eval-runs/" + runId).text("status")));
		return api.get("/api/v1/eval-runs/" + runId).json();
	}

	long resultCount(String runId) {
		return jdbc.sql("select count(*) from eval_results where run_id = cast(:id as uuid)").param("id", runId).query(Long.class).single();
	}

	static JsonNode summary(JsonNode run, String model) {
		for (var entry : run.path("summary")) {
			if (entry.path("model").asString().equals(model)) {
				return entry;
			}
		}
		throw new AssertionError("No summary for " + model + " in " + run);
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}
