package dev.arbiter.routing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.models.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.arbiter.ArbiterApplication;
import dev.arbiter.inference.simulator.Simulator;
import dev.arbiter.inference.simulator.SimulatorConfig;
import dev.arbiter.support.Api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The gateway over real HTTP against the simulator, once per database: OpenAI wire format
 * (plain and streamed), each strategy's pick, fallback, a clear error when every candidate
 * fails, and one decision per request.
 */
@SpringBootTest(classes = ArbiterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "arbiter.gateway.snapshot-refresh=200ms", "arbiter.gateway.first-byte-timeout=1500ms",
				"arbiter.gateway.breaker.wait-in-open=1s" })
abstract class GatewayContract {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static Simulator simulator;

	static boolean registered;

	/** The agent that serves gw-flaky: at first an address where nothing listens. */
	static String deadAgent;

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
			simulator = Simulator.start(SimulatorConfig.of(3, SimulatorConfig.Model.named("gw-accurate").withLatency(20, 30),
					SimulatorConfig.Model.named("gw-fast").withLatency(2, 4), SimulatorConfig.Model.named("gw-cheap").withLatency(10, 15),
					SimulatorConfig.Model.named("gw-broken").withErrorRate(1.0).withLatency(1, 2),
					SimulatorConfig.Model.named("gw-limited").withRateLimitRate(1.0).withLatency(1, 2),
					SimulatorConfig.Model.named("gw-slow").withLatency(4000, 4500),
					SimulatorConfig.Model.named("gw-flaky").withLatency(1, 2), SimulatorConfig.Model.named("gw-newbie").withLatency(1, 2)), 0);
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
	}

	/**
	 * Four models whose measured accuracy, latency and price make each strategy pick a different one
	 * among them (the routes name them as candidates: the gateway's own calls to the models the
	 * resilience tests use are measured too, and fast failures would look fast).
	 */
	void register() {
		var agent = api.post("/api/v1/agents", Map.of("name", "gw-sim", "baseUrl", simulator.baseUri().toString(), "apiType", "openai",
				"maxConcurrency", 64)).id();
		var prices = Map.of("gw-accurate", 5.0, "gw-fast", 2.0, "gw-cheap", 0.1, "gw-broken", 1.0);
		var accuracy = Map.of("gw-accurate", 0.9, "gw-fast", 0.6, "gw-cheap", 0.5, "gw-broken", 0.99);
		var p95 = Map.of("gw-accurate", 400.0, "gw-fast", 50.0, "gw-cheap", 300.0, "gw-broken", 500.0);
		var events = new ArrayList<Map<String, Object>>();
		for (var model : prices.keySet()) {
			var created = api.post("/api/v1/models", Map.of("name", model, "price", Map.of("inputPerMillion", prices.get(model),
					"outputPerMillion", prices.get(model))));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			assertThat(api.post("/api/v1/assignments", Map.of("agentId", agent, "modelId", created.id())).status()).isEqualTo(201);
			for (int i = 0; i < 100; i++) {
				events.add(Map.of("model", model, "domain", "math", "itemId", "q" + i, "correct", i < accuracy.get(model) * 100,
						"latencyMs", p95.get(model) * (0.5 + i / 200.0), "tokensIn", 100, "tokensOut", 100));
			}
		}
		assertThat(api.post("/api/v1/events", events).json().path("accepted").asInt()).isEqualTo(400);
		registerUnmeasured(agent);
		var measured = List.copyOf(prices.keySet());
		for (var route : List.of(Map.of("name", "best", "strategy", "quality", "candidates", measured),
				Map.of("name", "fast", "strategy", "speed", "candidates", measured),
				Map.of("name", "thrifty", "strategy", "cost", "candidates", measured),
				Map.of("name", "fragile", "strategy", "quality", "candidates", List.of("gw-broken", "gw-fast")),
				Map.of("name", "doomed", "strategy", "quality", "candidates", List.of("gw-broken")))) {
			assertThat(api.post("/api/v1/routes", route).status()).isEqualTo(201);
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> chosen("best").equals("gw-accurate"));
	}

	/**
	 * Four models without measurements and with a high price, so no strategy prefers them over the
	 * measured ones; the routes that use them put gw-fast behind them as fallback.
	 */
	void registerUnmeasured(String agent) {
		int closedPort;
		try (var socket = new java.net.ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		deadAgent = api.post("/api/v1/agents", Map.of("name", "gw-dead", "baseUrl", "http://127.0.0.1:" + closedPort + "/v1",
				"apiType", "openai", "maxConcurrency", 64)).id();
		for (var model : List.of("gw-limited", "gw-slow", "gw-flaky", "gw-newbie")) {
			var created = api.post("/api/v1/models", Map.of("name", model, "price", Map.of("inputPerMillion", 50.0, "outputPerMillion", 50.0)));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			assertThat(api.post("/api/v1/assignments", Map.of("agentId", model.equals("gw-flaky") ? deadAgent : agent, "modelId",
					created.id())).status()).isEqualTo(201);
		}
		for (var route : List.of(
				Map.of("name", "limited", "strategy", "quality", "candidates", List.of("gw-limited"), "fallbacks", List.of("gw-fast")),
				Map.of("name", "sluggish", "strategy", "quality", "candidates", List.of("gw-slow"), "fallbacks", List.of("gw-fast")),
				Map.of("name", "tripwire", "strategy", "quality", "candidates", List.of("gw-flaky"), "fallbacks", List.of("gw-fast")),
				Map.of("name", "explorer", "strategy", "quality", "candidates", List.of("gw-accurate", "gw-newbie"), "exploration", 1.0))) {
			var created = api.post("/api/v1/routes", route);
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
		}
	}

	@Test
	void nonStreamingAnswerIsAnOpenAiChatCompletionWithArbiterHeaders() throws Exception {
		var response = chat(Map.of("model", "gw-fast", "messages", List.of(Map.of("role", "user", "content", "Hello there")),
				"temperature", 0.2, "user", "someone"), Map.of());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var body = JSON.readTree(response.body());
		assertThat(body.path("object").asString()).isEqualTo("chat.completion");
		assertThat(body.path("choices").get(0).path("message").path("role").asString()).isEqualTo("assistant");
		assertThat(body.path("choices").get(0).path("message").path("content").asString()).isNotBlank();
		assertThat(body.path("usage").path("total_tokens").asInt()).isPositive();
		assertThat(response.headers().firstValue("X-Arbiter-Model")).hasValue("gw-fast");
		assertThat(response.headers().firstValue("X-Arbiter-Decision-Id")).isPresent();
		assertThat(response.headers().firstValue("X-Arbiter-Domain")).isPresent();
	}

	@Test
	void streamingRelaysServerSentEventsToTheEnd() throws Exception {
		var response = chat(Map.of("model", "fast", "stream", true, "stream_options", Map.of("include_usage", true),
				"messages", List.of(Map.of("role", "user", "content", "Tell me something"))), Map.of("X-Arbiter-Domain", "math"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		var lines = response.body().lines().filter(line -> line.startsWith("data: ")).toList();
		assertThat(lines.get(lines.size() - 1)).isEqualTo("data: [DONE]");
		var first = JSON.readTree(lines.get(0).substring(6));
		assertThat(first.path("object").asString()).isEqualTo("chat.completion.chunk");
		assertThat(lines.stream().anyMatch(line -> line.contains("\"usage\":{"))).isTrue();
		// the call's event has the time to first token, within its latency, and the stream's usage
		var id = response.headers().firstValue("X-Arbiter-Decision-Id").orElseThrow();
		await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql("select count(*) from metric_events where request_id = :id")
			.param("id", id).query(Long.class).single() == 1);
		var event = jdbc.sql("select ttft_ms, latency_ms, tokens_out from metric_events where request_id = :id").param("id", id)
			.query((rs, row) -> new double[] { rs.getDouble("ttft_ms"), rs.getDouble("latency_ms"), rs.getDouble("tokens_out") }).single();
		assertThat(event[0]).isPositive().isLessThanOrEqualTo(event[1]);
		assertThat(event[2]).isPositive();
	}

	@Test
	void theOfficialOpenAiSdkWorksUnchangedWithItsBaseUrlSetToArbiter() {
		var client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey(key).maxRetries(0).build();
		try {
			var params = ChatCompletionCreateParams.builder().model("gw-fast").addSystemMessage("Be brief.").addUserMessage("Hello there")
				.temperature(0.2).putAdditionalHeader("X-Arbiter-Domain", "math").build();
			var raw = client.chat().completions().withRawResponse().create(params);
			assertThat(raw.statusCode()).isEqualTo(200);
			assertThat(raw.headers().values("X-Arbiter-Model")).containsExactly("gw-fast");
			ChatCompletion completion = raw.parse();
			completion.validate();
			assertThat(completion.choices()).hasSize(1);
			assertThat(completion.choices().get(0).message().content()).hasValueSatisfying(text -> assertThat(text).isNotBlank());
			assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
			assertThat(completion.usage()).hasValueSatisfying(usage -> assertThat(usage.totalTokens()).isPositive());

			var streamed = new StringBuilder();
			var usage = new java.util.concurrent.atomic.AtomicLong();
			var streamParams = params.toBuilder().model("fast")
				.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
			try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(streamParams)) {
				stream.stream().forEach(chunk -> {
					chunk.validate();
					chunk.choices().forEach(choice -> choice.delta().content().ifPresent(streamed::append));
					chunk.usage().ifPresent(u -> usage.set(u.totalTokens()));
				});
			}
			assertThat(streamed.toString()).isNotBlank();
			assertThat(usage.get()).isPositive();

			assertThatThrownBy(() -> client.chat().completions().create(params.toBuilder().model("no-such-model").build()))
				.isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.getMessage()).contains("no-such-model"));
			var models = client.models().list().data().stream().map(Model::id).toList();
			assertThat(models).contains("auto", "fast", "gw-fast");
		}
		finally {
			client.close();
		}
	}

	@Test
	void anAnthropicAgentAnswersInOpenAiWireFormatPlainAndStreamed() throws Exception {
		var received = new java.util.concurrent.CopyOnWriteArrayList<com.sun.net.httpserver.Headers>();
		var bodies = new java.util.concurrent.CopyOnWriteArrayList<JsonNode>();
		var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/v1/messages", exchange -> {
			var request = JSON.readTree(exchange.getRequestBody().readAllBytes());
			received.add(exchange.getRequestHeaders());
			bodies.add(request);
			byte[] answer;
			if (request.path("stream").asBoolean(false)) {
				exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
				answer = String.join("\n", "event: message_start",
						"data: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
								+ "\"model\":\"claude-test\",\"content\":[],\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}",
						"", "event: ping", "data: {\"type\":\"ping\"}", "",
						"event: content_block_start", "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}", "",
						"event: content_block_delta", "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"The answer \"}}", "",
						"event: content_block_delta", "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"is 391.\"}}", "",
						"event: content_block_stop", "data: {\"type\":\"content_block_stop\",\"index\":0}", "",
						"event: message_delta", "data: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":6}}", "",
						"event: message_stop", "data: {\"type\":\"message_stop\"}", "", "").getBytes();
			}
			else {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				answer = ("{\"id\":\"msg_2\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-test\",\"content\":[{\"type\":"
						+ "\"text\",\"text\":\"The answer is 391.\"}],\"stop_reason\":\"max_tokens\",\"usage\":{\"input_tokens\":12,"
						+ "\"cache_read_input_tokens\":3,\"output_tokens\":6}}").getBytes();
			}
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		server.start();
		try {
			var model = "gw-claude-" + suffix();
			var agent = api.post("/api/v1/agents", Map.of("name", "gw-anthropic-" + suffix(), "baseUrl",
					"http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "apiType", "anthropic", "apiKey", "sk-ant-test")).id();
			var created = api.post("/api/v1/models", Map.of("name", model, "price", Map.of("inputPerMillion", 3.0, "outputPerMillion", 15.0)));
			assertThat(api.post("/api/v1/assignments", Map.of("agentId", agent, "modelId", created.id(), "upstreamModel", "claude-test"))
				.status()).isEqualTo(201);
			var question = List.of(Map.of("role", "system", "content", "Answer with a number."),
					Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "What is 17 times 23?"))));

			var plain = chat(Map.of("model", model, "messages", question, "max_tokens", 64, "temperature", 0, "stop", "\n\n",
					"frequency_penalty", 0.1), Map.of("X-Arbiter-Domain", "math"));
			assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
			var completion = JSON.readTree(plain.body());
			assertThat(completion.path("object").asString()).isEqualTo("chat.completion");
			assertThat(completion.path("model").asString()).isEqualTo(model);
			assertThat(completion.path("choices").get(0).path("message").path("content").asString()).isEqualTo("The answer is 391.");
			assertThat(completion.path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
			assertThat(completion.path("usage").path("prompt_tokens").asInt()).isEqualTo(15);
			assertThat(completion.path("usage").path("total_tokens").asInt()).isEqualTo(21);
			var sent = bodies.get(0);
			assertThat(received.get(0).getFirst("x-api-key")).isEqualTo("sk-ant-test");
			assertThat(received.get(0).getFirst("anthropic-version")).isEqualTo("2023-06-01");
			assertThat(sent.path("model").asString()).isEqualTo("claude-test");
			assertThat(sent.path("system").asString()).isEqualTo("Answer with a number.");
			assertThat(sent.path("max_tokens").asInt()).isEqualTo(64);
			assertThat(sent.path("stop_sequences").get(0).asString()).isEqualTo("\n\n");
			assertThat(sent.path("messages").get(0).path("content").get(0).path("text").asString()).isEqualTo("What is 17 times 23?");
			assertThat(sent.has("frequency_penalty")).isFalse();

			var streamed = chat(Map.of("model", model, "messages", question, "stream", true, "stream_options", Map.of("include_usage", true)),
					Map.of("X-Arbiter-Domain", "math"));
			assertThat(streamed.statusCode()).isEqualTo(200);
			assertThat(bodies.get(1).path("max_tokens").asInt()).isEqualTo(1024);
			var lines = streamed.body().lines().filter(line -> line.startsWith("data: ")).toList();
			assertThat(lines.get(lines.size() - 1)).isEqualTo("data: [DONE]");
			var text = new StringBuilder();
			String finish = null;
			int total = 0;
			for (var line : lines.subList(0, lines.size() - 1)) {
				var chunk = JSON.readTree(line.substring(6));
				assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
				for (var choice : chunk.path("choices")) {
					text.append(choice.path("delta").path("content").asString(""));
					finish = choice.path("finish_reason").isNull() ? finish : choice.path("finish_reason").asString();
				}
				total = chunk.path("usage").path("total_tokens").asInt(total);
			}
			assertThat(text.toString()).isEqualTo("The answer is 391.");
			assertThat(finish).isEqualTo("stop");
			assertThat(total).isEqualTo(18);
			var decision = decision(streamed);
			assertThat(decision.path("success").asBoolean()).isTrue();
			assertThat(decision.path("chosenModel").asString()).isEqualTo(model);
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void aClientThatHangsUpMidStreamIsNotCountedAgainstTheUpstream() throws Exception {
		var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/v1/chat/completions", exchange -> {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			var out = exchange.getResponseBody();
			try {
				for (int i = 0; i < 40; i++) {
					out.write(("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
							+ "\"delta\":{\"content\":\"word \"},\"finish_reason\":null}]}\n\n").getBytes());
					out.flush();
					Thread.sleep(50);
				}
				out.write("data: [DONE]\n\n".getBytes());
			}
			catch (IOException | InterruptedException e) {
				// Arbiter stopped reading: the client is gone
			}
			exchange.close();
		});
		server.start();
		try {
			var model = "gw-trickle-" + suffix();
			var agent = api.post("/api/v1/agents", Map.of("name", "gw-trickle-" + suffix(), "baseUrl",
					"http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "apiType", "openai")).id();
			var created = api.post("/api/v1/models", Map.of("name", model, "price", Map.of("inputPerMillion", 1.0, "outputPerMillion", 1.0)));
			assertThat(api.post("/api/v1/assignments", Map.of("agentId", agent, "modelId", created.id())).status()).isEqualTo(201);
			var body = JSON.writeValueAsString(Map.of("model", model, "stream", true,
					"messages", List.of(Map.of("role", "user", "content", "Talk slowly"))));
			String decisionId;
			try (var socket = new java.net.Socket("127.0.0.1", port)) {
				socket.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
						+ "\r\nX-Arbiter-Domain: math\r\nContent-Type: application/json\r\nContent-Length: " + body.getBytes().length
						+ "\r\n\r\n" + body).getBytes());
				var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream()));
				String id = null;
				String line;
				while ((line = in.readLine()) != null && !line.startsWith("data: ")) {
					if (line.regionMatches(true, 0, "X-Arbiter-Decision-Id:", 0, 22)) {
						id = line.substring(22).trim();
					}
				}
				assertThat(line).as("the first chunk arrives").startsWith("data: ");
				decisionId = id;
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/decisions/" + decisionId).status() == 200);
			var decision = api.get("/api/v1/decisions/" + decisionId).json();
			assertThat(decision.path("success").asBoolean()).isFalse();
			assertThat(decision.path("error").asString()).contains("client closed");
			assertThat(jdbc.sql("select success from metric_events where request_id = :id").param("id", decisionId).query(Boolean.class)
				.single()).isTrue();
			assertThat(breaker(model).path("failedCalls").asInt()).isZero();
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void eachStrategyPicksTheModelTheMetricsSayItShould() throws Exception {
		assertThat(chosen("best")).isEqualTo("gw-accurate");
		assertThat(chosen("fast")).isEqualTo("gw-fast");
		assertThat(chosen("thrifty")).isEqualTo("gw-cheap");
	}

	@Test
	void fallsBackWhenTheBestModelAnswers500() throws Exception {
		var response = chat(Map.of("model", "fragile", "messages", List.of(Map.of("role", "user", "content", "What is 2 plus 2?"))),
				Map.of("X-Arbiter-Domain", "math"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Arbiter-Model")).hasValue("gw-fast");
		var decision = decision(response);
		assertThat(decision.path("fallback").asBoolean()).isTrue();
		assertThat(decision.path("attempts").get(0).path("model").asString()).isEqualTo("gw-broken");
		assertThat(decision.path("fallbackReason").asString()).contains("gw-broken");
	}

	@Test
	void whenEveryCandidateFailsTheClientGetsOneErrorNamingThem() throws Exception {
		var response = chat(Map.of("model", "doomed", "messages", List.of(Map.of("role", "user", "content", "Anyone?"))),
				Map.of("X-Arbiter-Domain", "math"));
		assertThat(response.statusCode()).isEqualTo(502);
		var error = JSON.readTree(response.body()).path("error");
		assertThat(error.path("message").asString()).contains("gw-broken");
		assertThat(error.path("type").asString()).isEqualTo("server_error");
	}

	@Test
	void unknownModelsAndMissingKeysGetOpenAiErrors() throws Exception {
		var unknown = chat(Map.of("model", "no-such-model", "messages", List.of(Map.of("role", "user", "content", "hi"))), Map.of());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(JSON.readTree(unknown.body()).path("error").path("code").asString()).isEqualTo("model_not_found");
		var anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(anonymous.body()).path("error").path("code").asString()).isEqualTo("invalid_api_key");
		var models = api.get("/v1/models").json();
		assertThat(models.path("object").asString()).isEqualTo("list");
		assertThat(models.path("data").toString()).contains("\"auto\"", "\"best\"", "\"gw-fast\"");
	}

	@Test
	void chatCompletionsAnswersWrongMethodsViewersAndAnonymousCallersWithOpenAiErrors() throws Exception {
		var client = HttpClient.newHttpClient();
		var url = URI.create("http://127.0.0.1:" + port + "/v1/chat/completions");
		var body = Map.of("model", "gw-fast", "messages", List.of(Map.of("role", "user", "content", "hi")));
		var anonymous = client.send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(anonymous.body()).path("error").path("code").asString()).isEqualTo("invalid_api_key");
		var get = client.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + key).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(get.statusCode()).isEqualTo(405);
		assertThat(get.headers().firstValue("Allow")).contains("POST");
		assertThat(JSON.readTree(get.body()).path("error").path("message").asString()).contains("POST /v1/chat/completions");
		var viewerKey = api.post("/api/v1/api-keys", Map.of("name", "gw-viewer-" + suffix(), "role", "viewer")).text("key");
		var viewer = chat(viewerKey, body, Map.of());
		assertThat(viewer.statusCode()).isEqualTo(403);
		assertThat(JSON.readTree(viewer.body()).path("error").path("message").asString()).contains("viewer");
		var malformed = client.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"model\":")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(malformed.body()).path("error").path("message").asString()).startsWith("Malformed JSON");
	}

	@Test
	void decisionsAndEventsMatchRequestsOneToOneAfterABurst() throws Exception {
		var tasks = new ArrayList<Callable<String>>();
		for (int i = 0; i < 24; i++) {
			tasks.add(() -> chat(Map.of("model", "fast", "messages", List.of(Map.of("role", "user", "content", "Burst request"))),
					Map.of("X-Arbiter-Domain", "math")).headers().firstValue("X-Arbiter-Decision-Id").orElseThrow());
		}
		var ids = new ArrayList<String>();
		var pool = Executors.newFixedThreadPool(8);
		try {
			for (var future : pool.invokeAll(tasks)) {
				ids.add(future.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			for (var id : ids) {
				assertThat(api.get("/api/v1/decisions/" + id).status()).isEqualTo(200);
			}
			long events = jdbc.sql("select count(*) from metric_events where source = 'gateway' and request_id in (:ids)")
				.param("ids", ids).query(Long.class).single();
			assertThat(events).isEqualTo(24);
		});
	}

	@Test
	void aRateLimitedAssignmentFallsBackAndCoolsDownForItsRetryAfter() throws Exception {
		var limited = chat(question("limited"), Map.of("X-Arbiter-Domain", "math"));
		var meanwhile = chat(question("limited"), Map.of("X-Arbiter-Domain", "math"));
		assertThat(limited.statusCode()).as(limited.body()).isEqualTo(200);
		assertThat(limited.headers().firstValue("X-Arbiter-Model")).hasValue("gw-fast");
		var first = decision(limited);
		assertThat(first.path("attempts").get(0).path("model").asString()).isEqualTo("gw-limited");
		assertThat(first.path("attempts").get(0).path("status").asInt()).isEqualTo(429);
		assertThat(meanwhile.statusCode()).isEqualTo(200);
		var second = decision(meanwhile);
		assertThat(candidate(second, "gw-limited").path("removedBy").asString()).isEqualTo("cooldown");
		assertThat(second.path("attempts")).hasSize(1);
		assertThat(second.path("attempts").get(0).path("model").asString()).isEqualTo("gw-fast");
	}

	@Test
	void anUpstreamThatDoesNotAnswerInTimeFallsBack() throws Exception {
		var response = chat(question("sluggish"), Map.of("X-Arbiter-Domain", "math"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Arbiter-Model")).hasValue("gw-fast");
		var decision = decision(response);
		assertThat(decision.path("attempts").get(0).path("model").asString()).isEqualTo("gw-slow");
		assertThat(decision.path("attempts").get(0).path("error").asString()).startsWith("timeout");
		assertThat(decision.path("fallback").asBoolean()).isTrue();
	}

	@Test
	void theBreakerOpensAfterFiveFailuresAndClosesOnceTrialCallsSucceed() throws Exception {
		for (int i = 0; i < 5; i++) {
			var response = chat(question("tripwire"), Map.of("X-Arbiter-Domain", "math"));
			assertThat(response.headers().firstValue("X-Arbiter-Model")).hasValue("gw-fast");
			assertThat(decision(response).path("attempts").get(0).path("model").asString()).isEqualTo("gw-flaky");
		}
		var skipped = decision(chat(question("tripwire"), Map.of("X-Arbiter-Domain", "math")));
		assertThat(candidate(skipped, "gw-flaky").path("removedBy").asString()).isEqualTo("circuit_open");
		assertThat(skipped.path("attempts").get(0).path("model").asString()).isEqualTo("gw-fast");
		assertThat(breaker("gw-flaky").path("state").asString()).isEqualTo("OPEN");

		assertThat(api.patch("/api/v1/agents/" + deadAgent, Map.of("baseUrl", simulator.baseUri().toString())).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
			chosen("tripwire");
			assertThat(breaker("gw-flaky").path("state").asString()).isEqualTo("CLOSED");
		});
		assertThat(chosen("tripwire")).isEqualTo("gw-flaky");
	}

	@Test
	void aKeyWithADayBudgetGets429OnceItIsSpent() throws Exception {
		var created = api.post("/api/v1/api-keys", Map.of("name", "tiny-" + suffix(), "budgetUsd", 0.001, "budgetPeriod", "day"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var budgeted = created.text("key");
		HttpResponse<String> refused = null;
		for (int i = 0; i < 60 && refused == null; i++) {
			var response = chat(budgeted, capped("gw-fast"), Map.of("X-Arbiter-Domain", "math"));
			if (response.statusCode() != 200) {
				refused = response;
			}
		}
		assertThat(refused).as("a request refused within 60").isNotNull();
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
		var error = JSON.readTree(refused.body()).path("error");
		assertThat(error.path("code").asString()).isEqualTo("budget_exceeded");
		assertThat(error.path("type").asString()).isEqualTo("insufficient_quota");
		assertThat(error.path("message").asString()).contains("$0.001 per day");
		assertThat(spent(created.id())).isBetween(new java.math.BigDecimal("0.0000001"), new java.math.BigDecimal("0.001"));
	}

	@Test
	void concurrentRequestsNeverSpendMoreThanTheBudget() throws Exception {
		var created = api.post("/api/v1/api-keys", Map.of("name", "shared-" + suffix(), "budgetUsd", 0.002, "budgetPeriod", "day"));
		var budgeted = created.text("key");
		var tasks = new ArrayList<Callable<Integer>>();
		for (int i = 0; i < 48; i++) {
			tasks.add(() -> chat(budgeted, capped("gw-fast"), Map.of("X-Arbiter-Domain", "math")).statusCode());
		}
		var statuses = new ArrayList<Integer>();
		var pool = Executors.newFixedThreadPool(8);
		try {
			for (var future : pool.invokeAll(tasks)) {
				statuses.add(future.get());
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(statuses).contains(200, 429).containsOnly(200, 429);
		assertThat(spent(created.id())).isLessThanOrEqualTo(new java.math.BigDecimal("0.002"));
		assertThat(jdbc.sql("select sum(reserved_usd) from key_spend where api_key_id = :key").param("key", UUID.fromString(created.id()))
			.query(java.math.BigDecimal.class).single()).isZero();
	}

	@Test
	void aThompsonRouteSendsSomeTrafficToAnUnmeasuredModel() throws Exception {
		var tasks = new ArrayList<Callable<String>>();
		for (int i = 0; i < 200; i++) {
			tasks.add(() -> chosen("explorer"));
		}
		var counts = new java.util.HashMap<String, Integer>();
		var pool = Executors.newFixedThreadPool(8);
		try {
			for (var future : pool.invokeAll(tasks)) {
				counts.merge(future.get(), 1, Integer::sum);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(counts.keySet()).containsOnly("gw-accurate", "gw-newbie");
		assertThat(counts.get("gw-newbie")).as(counts.toString()).isPositive();
		assertThat(counts.get("gw-accurate")).as(counts.toString()).isGreaterThan(counts.get("gw-newbie"));
	}

	static Map<String, Object> question(String model) {
		return Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", "What is 2 plus 2?")));
	}

	/** A request whose output is capped, so its cost is bounded before it is sent. */
	static Map<String, Object> capped(String model) {
		return Map.of("model", model, "max_tokens", 20, "messages", List.of(Map.of("role", "user", "content", "Hi")));
	}

	java.math.BigDecimal spent(String keyId) {
		return jdbc.sql("select sum(spent_usd) from key_spend where api_key_id = :key").param("key", UUID.fromString(keyId))
			.query(java.math.BigDecimal.class).single();
	}

	static JsonNode candidate(JsonNode decision, String model) {
		for (var candidate : decision.path("candidates")) {
			if (model.equals(candidate.path("model").asString())) {
				return candidate;
			}
		}
		throw new AssertionError("no candidate " + model + " in " + decision);
	}

	JsonNode breaker(String model) {
		for (var breaker : api.get("/api/v1/routing/breakers").json()) {
			if (model.equals(breaker.path("model").asString())) {
				return breaker;
			}
		}
		throw new AssertionError("no breaker for " + model);
	}

	String chosen(String route) throws Exception {
		return chat(Map.of("model", route, "messages", List.of(Map.of("role", "user", "content", "Which model?"))),
				Map.of("X-Arbiter-Domain", "math")).headers().firstValue("X-Arbiter-Model").orElse("");
	}

	JsonNode decision(HttpResponse<String> response) {
		var id = response.headers().firstValue("X-Arbiter-Decision-Id").orElseThrow();
		await().atMost(Duration.ofSeconds(5)).until(() -> api.get("/api/v1/decisions/" + id).status() == 200);
		return api.get("/api/v1/decisions/" + id).json();
	}

	HttpResponse<String> chat(Map<String, Object> body, Map<String, String> headers) throws Exception {
		return chat(key, body, headers);
	}

	HttpResponse<String> chat(String apiKey, Map<String, Object> body, Map<String, String> headers) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
			.header("Authorization", "Bearer " + apiKey)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		headers.forEach(builder::header);
		return HttpClient.newHttpClient().send(builder.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}
