package dev.arbiter.routing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.arbiter.ArbiterApplication;
import dev.arbiter.inference.simulator.Simulator;
import dev.arbiter.inference.simulator.SimulatorConfig;
import dev.arbiter.support.Api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recording and learning, once per database, over real HTTP against the simulator: feedback on
 * decisions (stored, audited, counted once, moving the quality strategy), the verifier grading a
 * route's answers through a stub judge, recommendations and the routing analytics views.
 */
@SpringBootTest(classes = ArbiterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "arbiter.gateway.snapshot-refresh=200ms")
abstract class RoutingFeedbackContract {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static Simulator simulator;

	static boolean registered;

	static HttpServer judge;

	static final List<String> judged = new java.util.concurrent.CopyOnWriteArrayList<>();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	String key;

	abstract Path dataDir();

	@BeforeEach
	void setUp() throws IOException {
		key = Files.readString(dataDir().resolve("admin.key")).trim();
		api = new Api("http://127.0.0.1:" + port, key);
		if (simulator == null) {
			simulator = Simulator.start(SimulatorConfig.of(5, SimulatorConfig.Model.named("fb-good").withLatency(5, 10),
					SimulatorConfig.Model.named("fb-other").withLatency(2, 4)), 0);
			registered = false;
		}
		if (!registered) {
			register();
			registered = true;
		}
	}

	@AfterAll
	static void stop() {
		if (simulator != null) {
			simulator.close();
			simulator = null;
		}
		if (judge != null) {
			judge.stop(0);
			judge = null;
		}
	}

	/** A judge that grades every answer 9 of 10, in OpenAI's wire format. */
	static HttpServer aJudge() throws IOException {
		var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/chat/completions", exchange -> {
			judged.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			var reply = JSON.writeValueAsBytes(Map.of("id", "judge-1", "object", "chat.completion", "created", 0, "model", "judge",
					"choices", List.of(Map.of("index", 0, "finish_reason", "stop", "message", Map.of("role", "assistant",
							"content", "The answer is right. Score: 9"))),
					"usage", Map.of("prompt_tokens", 50, "completion_tokens", 8, "total_tokens", 58)));
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, reply.length);
			exchange.getResponseBody().write(reply);
			exchange.close();
		});
		server.start();
		return server;
	}

	/** fb-good is the more accurate (9 of 10 in math) and dearer; fb-other gets 6 of 10 and is cheap. */
	void register() {
		var agent = api.post("/api/v1/agents", Map.of("name", "fb-sim", "baseUrl", simulator.baseUri().toString(), "apiType", "openai",
				"maxConcurrency", 64)).id();
		var prices = Map.of("fb-good", 5.0, "fb-other", 0.5);
		var correct = Map.of("fb-good", 9, "fb-other", 6);
		var events = new ArrayList<Map<String, Object>>();
		for (var model : prices.keySet()) {
			var created = api.post("/api/v1/models", Map.of("name", model, "price", Map.of("inputPerMillion", prices.get(model),
					"outputPerMillion", prices.get(model))));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			assertThat(api.post("/api/v1/assignments", Map.of("agentId", agent, "modelId", created.id())).status()).isEqualTo(201);
			for (int i = 0; i < 10; i++) {
				events.add(Map.of("model", model, "domain", "math", "itemId", "q" + i, "correct", i < correct.get(model),
						"latencyMs", 100, "tokensIn", 100, "tokensOut", 100));
			}
		}
		assertThat(api.post("/api/v1/events", events).json().path("accepted").asInt()).isEqualTo(20);
		try {
			judge = aJudge();
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		var judgeAgent = api.post("/api/v1/agents", Map.of("name", "judge-stub", "baseUrl", "http://127.0.0.1:" + judge.getAddress().getPort(),
				"apiType", "openai")).id();
		var judgeModel = api.post("/api/v1/models", Map.of("name", "fb-judge", "price", Map.of("inputPerMillion", 10.0,
				"outputPerMillion", 10.0)));
		assertThat(api.post("/api/v1/assignments", Map.of("agentId", judgeAgent, "modelId", judgeModel.id())).status()).isEqualTo(201);
		assertThat(api.post("/api/v1/routes", Map.of("name", "fb-best", "strategy", "quality", "candidates", List.of("fb-good", "fb-other")))
			.status()).isEqualTo(201);
		var verified = api.post("/api/v1/routes", Map.of("name", "fb-verified", "strategy", "quality", "candidates", List.of("fb-other"),
				"verifier", Map.of("model", "fb-judge", "rate", 1.0)));
		assertThat(verified.status()).as(verified.toString()).isEqualTo(201);
		assertThat(verified.json().path("verifier").path("model").asString()).isEqualTo("fb-judge");
		await().atMost(Duration.ofSeconds(10)).until(() -> chosen("fb-best").equals("fb-good"));
	}

	@Test
	void negativeFeedbackMovesTheQualityStrategyToAnotherModel() throws Exception {
		var ids = new ArrayList<String>();
		for (int i = 0; i < 12; i++) {
			ids.add(decisionId(chat("fb-good", "What is " + i + " times 3?")));
		}
		for (var id : ids) {
			awaitDecision(id);
			var answer = api.post("/api/v1/decisions/" + id + "/feedback", Map.of("correct", false, "rating", 1));
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.json().path("counted").asBoolean()).isTrue();
		}
		long events = jdbc.sql("select count(*) from metric_events where source = 'api' and item_id like 'feedback:%' and model = 'fb-good'")
			.query(Long.class).single();
		assertThat(events).isEqualTo(12);
		await().atMost(Duration.ofSeconds(15)).until(() -> chosen("fb-best").equals("fb-other"));
		// feedback moves accuracy but is not a request: the rollups count calls only
		long calls = jdbc.sql("select count(*) from metric_events where model = 'fb-good' and domain = 'math'"
				+ " and (item_id is null or item_id not like 'feedback:%')").query(Long.class).single();
		long judged = jdbc.sql("select count(*) from metric_events where model = 'fb-good' and domain = 'math' and correct is not null")
			.query(Long.class).single();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			var metrics = api.get("/api/v1/metrics/models?model=fb-good&domain=math").json().path("items").get(0);
			assertThat(metrics.path("requests").asLong()).isEqualTo(calls);
			assertThat(metrics.path("benchmarkCalls").asLong()).isEqualTo(judged);
		});
	}

	@Test
	void resubmittedFeedbackReplacesTheStoredOneButCountsOnce() throws Exception {
		var id = decisionId(chat("fb-other", "Name a prime number"));
		awaitDecision(id);
		var first = api.post("/api/v1/decisions/" + id + "/feedback", Map.of("rating", 5, "accepted", true));
		assertThat(first.json().path("counted").asBoolean()).isTrue();
		var second = api.post("/api/v1/decisions/" + id + "/feedback", Map.of("rating", 2, "comment", "on reflection, wrong"));
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().path("counted").asBoolean()).isFalse();
		var decision = api.get("/api/v1/decisions/" + id).json();
		assertThat(decision.path("feedback").path("rating").asInt()).isEqualTo(2);
		assertThat(decision.path("feedback").path("accepted").asBoolean()).isTrue();
		assertThat(decision.path("feedback").path("comment").asString()).isEqualTo("on reflection, wrong");
		var confidence = jdbc.sql("select confidence from metric_events where item_id = :item").param("item", "feedback:" + id)
			.query(Double.class).list();
		assertThat(confidence).containsExactly(1.0);
		long audited = jdbc.sql("select count(*) from audit_log where entity_type = 'decision.feedback' and entity_id = :id")
			.param("id", id).query(Long.class).single();
		assertThat(audited).isEqualTo(2);
	}

	@Test
	void feedbackIsValidatedAndScopedToTheOrganization() throws Exception {
		var id = decisionId(chat("fb-other", "Hello"));
		awaitDecision(id);
		var outOfRange = api.post("/api/v1/decisions/" + id + "/feedback", Map.of("rating", 7));
		assertThat(outOfRange.status()).isEqualTo(400);
		assertThat(outOfRange.body()).contains("rating");
		var empty = api.post("/api/v1/decisions/" + id + "/feedback", Map.of());
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.body()).contains("rating");
		assertThat(api.post("/api/v1/decisions/" + UUID.randomUUID() + "/feedback", Map.of("rating", 3)).status()).isEqualTo(404);
		var other = api.as(api.post("/api/v1/organizations", Map.of("name", "fb-other-org-" + UUID.randomUUID().toString().substring(0, 8)))
			.json().path("apiKey").path("key").asString());
		assertThat(other.post("/api/v1/decisions/" + id + "/feedback", Map.of("rating", 3)).status()).isEqualTo(404);
		assertThat(api.get("/api/v1/decisions/" + id).json().path("feedback").isNull()).isTrue();
	}

	@Test
	void aVerifiedRouteHasItsAnswersGradedByTheJudge() throws Exception {
		var ids = new ArrayList<String>();
		for (int i = 0; i < 3; i++) {
			ids.add(decisionId(chat("fb-verified", "Is " + i + " even?")));
		}
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			for (var id : ids) {
				var grades = jdbc.sql("select model, domain, confidence, correct from metric_events where item_id = :item")
					.param("item", "verifier:" + id)
					.query((rs, row) -> rs.getString("model") + "/" + rs.getString("domain") + "/" + rs.getDouble("confidence") + "/"
							+ rs.getBoolean("correct"))
					.list();
				assertThat(grades).containsExactly("fb-other/math/0.9/true");
			}
		});
		assertThat(judged).anyMatch(body -> body.contains("Is 1 even?"));
	}

	@Test
	void aRouteVerifierNeedsAKnownJudgeAndARateFrom0To1() {
		var unknown = api.post("/api/v1/routes", Map.of("name", "fb-unknown-judge", "strategy", "quality",
				"verifier", Map.of("model", "no-such-judge", "rate", 0.5)));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).contains("verifier.model");
		var tooOften = api.post("/api/v1/routes", Map.of("name", "fb-too-often", "strategy", "quality",
				"verifier", Map.of("model", "fb-judge", "rate", 2)));
		assertThat(tooOften.status()).isEqualTo(400);
		assertThat(tooOften.body()).contains("rate");
	}

	@Test
	void recommendationRanksEveryActiveAssignmentWithItsScoreParts() {
		var cheapest = api.get("/api/v1/routing/recommendation?domain=math&strategy=cost");
		assertThat(cheapest.status()).as(cheapest.toString()).isEqualTo(200);
		assertThat(cheapest.json().path("strategy").asString()).isEqualTo("cost");
		assertThat(cheapest.json().path("recommended").path("model").asString()).isEqualTo("fb-other");
		var candidates = cheapest.json().path("candidates");
		assertThat(candidates.size()).isEqualTo(3);
		assertThat(candidates.get(0).has("quality") && candidates.get(0).has("speed") && candidates.get(0).has("cost")).isTrue();
		assertThat(candidates.get(0).path("score").asDouble()).isGreaterThanOrEqualTo(candidates.get(1).path("score").asDouble());
		assertThat(api.get("/api/v1/routing/recommendation?strategy=fastest").status()).isEqualTo(400);
	}

	@Test
	void analyticsAggregateTheDecisionLog() throws Exception {
		var ids = new ArrayList<String>();
		for (int i = 0; i < 3; i++) {
			ids.add(decisionId(chat("fb-other", "Count to " + i)));
		}
		ids.forEach(this::awaitDecision);
		var agents = api.get("/api/v1/routing/analytics/agents").json();
		var agent = find(agents, "agent", "fb-sim");
		assertThat(agent.path("assignments").asInt()).isEqualTo(2);
		assertThat(agent.path("activeAssignments").asInt()).isEqualTo(2);
		assertThat(agent.path("decisions").asLong()).isGreaterThanOrEqualTo(3);
		assertThat(agent.path("successRate").asDouble()).isEqualTo(1.0);
		assertThat(agent.path("avgLatencyMs").asDouble()).isPositive();
		assertThat(agent.path("lastUsedAt").isNull()).isFalse();
		var model = find(api.get("/api/v1/routing/analytics/models").json(), "model", "fb-other");
		assertThat(model.path("agents").asInt()).isEqualTo(1);
		assertThat(model.path("assignments").asInt()).isEqualTo(1);
		assertThat(model.path("decisions").asLong()).isGreaterThanOrEqualTo(3);
		assertThat(model.path("successRate").asDouble()).isEqualTo(1.0);
		var lastDay = api.get("/api/v1/routing/analytics/last-24h").json();
		JsonNode math = null;
		for (var row : lastDay) {
			if (row.path("domain").asString().equals("math") && row.path("strategy").asString().equals("quality")) {
				math = row;
			}
		}
		assertThat(math).as(lastDay.toString()).isNotNull();
		assertThat(math.path("decisions").asLong()).isGreaterThanOrEqualTo(3);
		assertThat(math.path("successPct").asDouble()).isEqualTo(100.0);
		assertThat(math.path("fallbackPct").asDouble()).isEqualTo(0.0);
		var pairs = api.get("/api/v1/routing/analytics/top-pairs?limit=5").json();
		assertThat(pairs.size()).isEqualTo(3);
		assertThat(pairs.get(0).path("decisions24h").asLong()).isPositive();
		assertThat(pairs.get(0).path("successRate").asDouble()).isEqualTo(1.0);
		assertThat(api.get("/api/v1/routing/analytics/top-pairs?limit=0").status()).isEqualTo(400);
	}

	JsonNode find(JsonNode rows, String field, String value) {
		for (var row : rows) {
			if (row.path(field).asString().equals(value)) {
				return row;
			}
		}
		throw new AssertionError("no row with " + field + " = " + value + " in " + rows);
	}

	void awaitDecision(String id) {
		await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/decisions/" + id).status() == 200);
	}

	static String decisionId(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.headers().firstValue("X-Arbiter-Decision-Id").orElseThrow();
	}

	String chosen(String route) throws Exception {
		return chat(route, "Which model?").headers().firstValue("X-Arbiter-Model").orElse("");
	}

	HttpResponse<String> chat(String model, String content) throws Exception {
		var body = Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", content)));
		var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json")
			.header("X-Arbiter-Domain", "math")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}
}
