package dev.arbiter.inference.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.arbiter.inference.simulator.SimulatorConfig.Item;
import dev.arbiter.inference.simulator.SimulatorConfig.Model;
import tools.jackson.databind.JsonNode;

/** The OpenAI Chat Completions wire format, over real HTTP. */
class SimulatorWireTests {

	static Simulator simulator;

	static SimClient client;

	@BeforeAll
	static void start() {
		var config = SimulatorConfig.of(7, fastModel("sim-large"), fastModel("sim-small").withAccuracy(0.5))
			.withItems(List.of(new Item("What is 6 times 7?", "42", "math")));
		simulator = Simulator.start(config, 0);
		client = new SimClient(simulator);
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	static Model fastModel(String name) {
		return Model.named(name).withLatency(5, 10).withTtftMs(1).withOutputTokens(40);
	}

	@Test
	void answersAChatCompletionInTheOpenAiShape() {
		HttpResponse<String> response = client.post(SimClient.chat("sim-large", "What is 6 times 7?"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValue("X-Simulator")).hasValue("arbiter-sim");
		assertThat(response.headers().firstValue("X-Sim-Correct")).hasValue("true");
		JsonNode body = SimClient.json(response);
		assertThat(body.path("id").stringValue()).startsWith("chatcmpl-");
		assertThat(body.path("object").stringValue()).isEqualTo("chat.completion");
		assertThat(body.path("created").isIntegralNumber()).isTrue();
		assertThat(body.path("created").longValue()).isGreaterThan(1_700_000_000L);
		assertThat(body.path("model").stringValue()).isEqualTo("sim-large");
		assertThat(body.path("system_fingerprint").stringValue()).isEqualTo("arbiter-simulator");
		assertThat(body.path("choices")).hasSize(1);
		JsonNode choice = body.path("choices").path(0);
		assertThat(choice.path("index").intValue()).isZero();
		assertThat(choice.path("message").path("role").stringValue()).isEqualTo("assistant");
		assertThat(choice.path("message").path("content").stringValue()).isEqualTo("The answer is 42.");
		assertThat(choice.path("finish_reason").stringValue()).isEqualTo("stop");
		JsonNode usage = body.path("usage");
		assertThat(usage.path("prompt_tokens").intValue()).isEqualTo(Tokens.prompt(
				List.of(new Tokens.Message("user", "What is 6 times 7?", null))));
		assertThat(usage.path("completion_tokens").intValue()).isEqualTo(Tokens.count("The answer is 42."));
		assertThat(usage.path("total_tokens").intValue())
			.isEqualTo(usage.path("prompt_tokens").intValue() + usage.path("completion_tokens").intValue());
	}

	@Test
	void countsPromptTokensLikeOpenAi() {
		// "Hello, how are you?" is 6 tokens in cl100k_base; with 3 per message, 1 for the role and 3
		// for the reply priming, OpenAI reports 13 prompt tokens for this request.
		HttpResponse<String> response = client.post(SimClient.chat("sim-large", "Hello, how are you?"));

		assertThat(SimClient.json(response).path("usage").path("prompt_tokens").intValue()).isEqualTo(13);
	}

	@Test
	void streamsServerSentEventsInTheOpenAiShape() {
		var body = SimClient.chat("sim-large", "Tell me something I do not know");
		body.put("stream", true);
		body.putObject("stream_options").put("include_usage", true);

		HttpResponse<String> response = client.post(body);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
		assertThat(response.headers().firstValue("X-Simulator")).hasValue("arbiter-sim");
		List<String> data = dataLines(response.body());
		assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
		List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(SimClient.JSON::readTree).toList();
		String id = chunks.get(0).path("id").stringValue();
		assertThat(chunks).allSatisfy(chunk -> {
			assertThat(chunk.path("id").stringValue()).isEqualTo(id);
			assertThat(chunk.path("object").stringValue()).isEqualTo("chat.completion.chunk");
			assertThat(chunk.path("model").stringValue()).isEqualTo("sim-large");
			assertThat(chunk.path("system_fingerprint").stringValue()).isEqualTo("arbiter-simulator");
			assertThat(chunk.path("created").isIntegralNumber()).isTrue();
		});
		JsonNode first = chunks.get(0).path("choices").path(0);
		assertThat(first.path("delta").path("role").stringValue()).isEqualTo("assistant");
		assertThat(first.path("delta").path("content").stringValue()).isEmpty();
		assertThat(first.path("finish_reason").isNull()).isTrue();

		JsonNode usageChunk = chunks.get(chunks.size() - 1);
		assertThat(usageChunk.path("choices").isArray()).isTrue();
		assertThat(usageChunk.path("choices")).isEmpty();
		JsonNode usage = usageChunk.path("usage");
		JsonNode finish = chunks.get(chunks.size() - 2).path("choices").path(0);
		assertThat(finish.path("finish_reason").stringValue()).isEqualTo("stop");
		assertThat(finish.path("delta").isObject()).isTrue();
		assertThat(finish.path("delta")).isEmpty();

		var content = new StringBuilder();
		for (JsonNode chunk : chunks.subList(1, chunks.size() - 2)) {
			JsonNode choice = chunk.path("choices").path(0);
			assertThat(choice.path("finish_reason").isNull()).isTrue();
			assertThat(chunk.has("usage")).isTrue();
			assertThat(chunk.path("usage").isNull()).isTrue();
			content.append(choice.path("delta").path("content").stringValue());
		}
		assertThat(content.toString()).startsWith("This is a simulated reply from sim-large.");
		assertThat(usage.path("completion_tokens").intValue()).isEqualTo(Tokens.count(content.toString()));
		assertThat(usage.path("total_tokens").intValue())
			.isEqualTo(usage.path("prompt_tokens").intValue() + usage.path("completion_tokens").intValue());
	}

	@Test
	void streamsWithoutAUsageChunkUnlessAsked() {
		var body = SimClient.chat("sim-large", "What is 6 times 7?");
		body.put("stream", true);

		List<String> data = dataLines(client.post(body).body());

		assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
		List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(SimClient.JSON::readTree).toList();
		assertThat(chunks).allSatisfy(chunk -> {
			assertThat(chunk.has("usage")).isFalse();
			assertThat(chunk.path("choices")).hasSize(1);
		});
		assertThat(chunks.get(chunks.size() - 1).path("choices").path(0).path("finish_reason").stringValue())
			.isEqualTo("stop");
		String content = chunks.stream()
			.map(chunk -> chunk.path("choices").path(0).path("delta").path("content").asString(""))
			.reduce("", String::concat);
		assertThat(content).isEqualTo("The answer is 42.");
	}

	@Test
	void truncatesAtMaxTokensWithFinishReasonLength() {
		var body = SimClient.chat("sim-large", "Write a long story");
		body.put("max_tokens", 5);

		JsonNode completion = SimClient.json(client.post(body));

		assertThat(completion.path("choices").path(0).path("finish_reason").stringValue()).isEqualTo("length");
		assertThat(completion.path("usage").path("completion_tokens").intValue()).isEqualTo(5);
		assertThat(completion.path("choices").path(0).path("message").path("content").stringValue())
			.isEqualTo("This is a simulated reply");
	}

	@Test
	void truncatesStreamsAtMaxCompletionTokens() {
		var body = SimClient.chat("sim-large", "Write a long story");
		body.put("stream", true);
		body.put("max_completion_tokens", 3);

		List<String> data = dataLines(client.post(body).body());

		JsonNode last = SimClient.JSON.readTree(data.get(data.size() - 2));
		assertThat(last.path("choices").path(0).path("finish_reason").stringValue()).isEqualTo("length");
	}

	@Test
	void keepsTheAnswerWhenItFitsInMaxTokens() {
		var body = SimClient.chat("sim-large", "What is 6 times 7?");
		body.put("max_tokens", 100);

		JsonNode completion = SimClient.json(client.post(body));

		assertThat(completion.path("choices").path(0).path("finish_reason").stringValue()).isEqualTo("stop");
	}

	@Test
	void repliesToUnknownPromptsWithAboutTheMeanOutputTokens() {
		var lengths = new ArrayList<Integer>();
		for (int i = 0; i < 40; i++) {
			JsonNode completion = SimClient.json(client.post(SimClient.chat("sim-large", "unknown prompt " + i)));
			lengths.add(completion.path("usage").path("completion_tokens").intValue());
		}

		double mean = lengths.stream().mapToInt(Integer::intValue).average().orElseThrow();
		assertThat(mean).isBetween(30.0, 50.0);
		assertThat(lengths).allSatisfy(n -> assertThat(n).isBetween(15, 65));
	}

	@Test
	void listsTheConfiguredModels() {
		HttpResponse<String> response = client.get("/models");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("X-Simulator")).hasValue("arbiter-sim");
		JsonNode body = SimClient.json(response);
		assertThat(body.path("object").stringValue()).isEqualTo("list");
		assertThat(body.path("data")).hasSize(2);
		assertThat(body.path("data").path(0).path("id").stringValue()).isEqualTo("sim-large");
		assertThat(body.path("data").path(0).path("object").stringValue()).isEqualTo("model");
		assertThat(body.path("data").path(0).path("owned_by").stringValue()).isEqualTo("arbiter-simulator");
		assertThat(body.path("data").path(0).path("created").isIntegralNumber()).isTrue();
		assertThat(body.path("data").path(1).path("id").stringValue()).isEqualTo("sim-small");
	}

	@Test
	void retrievesOneModel() {
		assertThat(SimClient.json(client.get("/models/sim-small")).path("id").stringValue()).isEqualTo("sim-small");
		assertThat(client.get("/models/nope").statusCode()).isEqualTo(404);
	}

	@Test
	void rejectsAnUnknownModelWith404AndOpenAiError() {
		HttpResponse<String> response = client.post(SimClient.chat("gpt-nonexistent", "hi"));

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("X-Simulator")).hasValue("arbiter-sim");
		JsonNode error = SimClient.json(response).path("error");
		assertThat(error.path("type").stringValue()).isEqualTo("invalid_request_error");
		assertThat(error.path("code").stringValue()).isEqualTo("model_not_found");
		assertThat(error.path("message").stringValue()).contains("gpt-nonexistent");
	}

	@Test
	void rejectsMalformedJsonWith400AndOpenAiError() {
		HttpResponse<String> response = client.post("/chat/completions", "{\"model\": \"sim-large\", \"messages\": [");

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = SimClient.json(response).path("error");
		assertThat(error.path("type").stringValue()).isEqualTo("invalid_request_error");
		assertThat(error.path("message").stringValue()).isNotBlank();
		assertThat(error.has("code")).isTrue();
		assertThat(error.has("param")).isTrue();
	}

	@Test
	void rejectsARequestWithoutMessagesNamingTheParameter() {
		HttpResponse<String> response = client.post("/chat/completions", "{\"model\": \"sim-large\"}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(SimClient.json(response).path("error").path("param").stringValue()).isEqualTo("messages");
	}

	@Test
	void rejectsMaxTokensThatIsNotAPositiveInteger() {
		var body = SimClient.chat("sim-large", "hi");
		body.put("max_tokens", 0);

		assertThat(client.post(body).statusCode()).isEqualTo(400);
	}

	@Test
	void answersUnknownPathsWith404AndWrongMethodsWith405() {
		assertThat(client.get("/completions").statusCode()).isEqualTo(404);
		assertThat(client.get("/chat/completions").statusCode()).isEqualTo(405);
	}

	@Test
	void readsTheLastUserMessageAndTextParts() {
		String body = """
				{"model": "sim-large", "messages": [
				  {"role": "system", "content": "You are terse."},
				  {"role": "user", "content": "earlier question"},
				  {"role": "assistant", "content": "earlier answer"},
				  {"role": "user", "content": [{"type": "text", "text": "What is 6 times 7?"}]}
				]}""";

		assertThat(SimClient.content(client.post("/chat/completions", body))).isEqualTo("The answer is 42.");
	}

	static List<String> dataLines(String sse) {
		var data = new ArrayList<String>();
		for (String event : sse.split("\n\n")) {
			if (!event.isBlank()) {
				assertThat(event).startsWith("data: ");
				data.add(event.substring("data: ".length()));
			}
		}
		return data;
	}

}
