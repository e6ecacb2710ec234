package dev.arbiter.inference;

import static dev.arbiter.inference.Fixtures.API_KEY;
import static dev.arbiter.inference.Fixtures.ORG;
import static dev.arbiter.inference.Fixtures.PRICE;
import static dev.arbiter.inference.Fixtures.anOpenAiUpstream;
import static dev.arbiter.inference.Fixtures.inference;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.arbiter.inference.StubUpstream.Reply;
import dev.arbiter.inference.simulator.Simulator;
import dev.arbiter.inference.simulator.SimulatorConfig;
import dev.arbiter.inference.simulator.SimulatorConfig.Item;
import dev.arbiter.inference.simulator.SimulatorConfig.Model;
import tools.jackson.databind.JsonNode;

/** Chat calls to OpenAI-compatible upstreams: the answer, its usage and cost, and the request sent. */
class InferenceTests {

	static Simulator simulator;

	final Inference inference = inference();

	@BeforeAll
	static void startSimulator() {
		var large = Model.named("sim-large").withLatency(5, 10).withTtftMs(1);
		simulator = Simulator.start(SimulatorConfig.of(7, large).withItems(List.of(new Item("What is 2+2?", "4", "math"))), 0);
	}

	@AfterAll
	static void stopSimulator() {
		simulator.close();
	}

	@Test
	void answersWithContentUsageFinishReasonAndCostAtTheModelsPrice() {
		var upstream = anOpenAiUpstream(simulator.baseUri().toString(), "sim-large");

		ChatResult result = inference.chat(ORG, upstream, ChatRequest.of(ChatMessage.user("What is 2+2?")));

		assertThat(result.content()).isEqualTo("The answer is 4.");
		assertThat(result.finishReason()).isEqualTo("stop");
		assertThat(result.usageEstimated()).isFalse();
		assertThat(result.tokensIn()).isPositive();
		assertThat(result.tokensOut()).isPositive();
		assertThat(result.cost()).isEqualByComparingTo(PRICE.cost(result.tokensIn(), result.tokensOut()));
		assertThat(result.cost()).isPositive();
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(result.upstreamModel()).isEqualTo("sim-large");
		assertThat(result.latencyMs()).isPositive();
		assertThat(result.ttftMs()).isNull();
	}

	@Test
	void reportsAnAnswerCutByMaxTokensAsLength() {
		var upstream = anOpenAiUpstream(simulator.baseUri().toString(), "sim-large");

		ChatResult result = inference.chat(ORG, upstream,
				ChatRequest.of(ChatMessage.user("Tell me a long story about rivers")).withMaxTokens(3));

		assertThat(result.finishReason()).isEqualTo("length");
		assertThat(result.tokensOut()).isEqualTo(3);
	}

	@Test
	void hasNoCostWhenTheModelHasNoPrice() {
		var upstream = Fixtures.unpriced(anOpenAiUpstream(simulator.baseUri().toString(), "sim-large"));

		ChatResult result = inference.chat(ORG, upstream, ChatRequest.of(ChatMessage.user("What is 2+2?")));

		assertThat(result.cost()).isNull();
		assertThat(result.tokensIn()).isPositive();
	}

	@Test
	void sendsTheUpstreamModelMessagesParametersAndExtrasWithABearerKey() {
		try (var stub = StubUpstream.answering((n, request) -> StubUpstream.ok("fine"))) {
			var request = new ChatRequest(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")), 0.2, 64, 42L,
					Map.of("top_p", 0.9, "stop", List.of("\n\n"), "model", "not-this-one", "stream", true));

			inference.chat(ORG, anOpenAiUpstream(stub.baseUrl(), "llama3.1:8b"), request);

			var sent = stub.lastRequest();
			assertThat(sent.method()).isEqualTo("POST");
			assertThat(sent.path()).isEqualTo("/v1/chat/completions");
			assertThat(sent.headers().getFirst("Authorization")).isEqualTo("Bearer " + API_KEY);
			assertThat(sent.headers().getFirst("Content-Type")).isEqualTo("application/json");
			JsonNode body = sent.json();
			assertThat(body.path("model").stringValue()).isEqualTo("llama3.1:8b");
			assertThat(body.path("messages").size()).isEqualTo(2);
			assertThat(body.path("messages").path(0).path("role").stringValue()).isEqualTo("system");
			assertThat(body.path("messages").path(0).path("content").stringValue()).isEqualTo("Be brief.");
			assertThat(body.path("messages").path(1).path("content").stringValue()).isEqualTo("Hi");
			assertThat(body.path("temperature").doubleValue()).isEqualTo(0.2);
			assertThat(body.path("max_tokens").intValue()).isEqualTo(64);
			assertThat(body.path("seed").longValue()).isEqualTo(42L);
			assertThat(body.path("top_p").doubleValue()).isEqualTo(0.9);
			assertThat(body.path("stop").path(0).stringValue()).isEqualTo("\n\n");
			assertThat(body.has("stream")).isFalse();
		}
	}

	@Test
	void leavesUnsetParametersToTheUpstreamAndSendsNoAuthorizationWithoutAKey() {
		try (var stub = StubUpstream.answering((n, request) -> StubUpstream.ok("fine"))) {
			inference.chat(ORG, Fixtures.withoutKey(anOpenAiUpstream(stub.baseUrl() + "/", "m")),
					ChatRequest.of(ChatMessage.user("Hi")));

			var sent = stub.lastRequest();
			assertThat(sent.path()).isEqualTo("/v1/chat/completions");
			assertThat(sent.headers().containsKey("Authorization")).isFalse();
			assertThat(sent.json().has("temperature")).isFalse();
			assertThat(sent.json().has("max_tokens")).isFalse();
			assertThat(sent.json().has("seed")).isFalse();
		}
	}

	@Test
	void estimatesUsageWithCl100kWhenTheUpstreamOmitsIt() {
		String answer = "Paris is the capital of France.";
		try (var stub = StubUpstream.answering(
				(n, request) -> Reply.json(200, StubUpstream.completion(answer, "stop", null)))) {
			var upstream = anOpenAiUpstream(stub.baseUrl(), "m");

			ChatResult result = inference.chat(ORG, upstream, ChatRequest.of(ChatMessage.user("What is the capital of France?")));

			var cl100k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);
			int promptTokens = 3 + 3 + cl100k.countTokens("user") + cl100k.countTokens("What is the capital of France?");
			assertThat(result.usageEstimated()).isTrue();
			assertThat(result.tokensOut()).isEqualTo(cl100k.countTokens(answer));
			assertThat(result.tokensIn()).isEqualTo(promptTokens);
			assertThat(result.cost()).isEqualByComparingTo(PRICE.cost(promptTokens, cl100k.countTokens(answer)));
			assertThat(result.content()).isEqualTo(answer);
		}
	}

	@Test
	void estimatesUsageTheSameWayTheSimulatorCountsIt() {
		String prompt = "Summarize the history of the printing press in two sentences.";
		var upstream = anOpenAiUpstream(simulator.baseUri().toString(), "sim-large");
		ChatResult counted = inference.chat(ORG, upstream, ChatRequest.of(ChatMessage.user(prompt)).withSeed(1L));
		try (var stub = StubUpstream.answering(
				(n, request) -> Reply.json(200, StubUpstream.completion(counted.content(), "stop", null)))) {

			ChatResult estimated = inference.chat(ORG, anOpenAiUpstream(stub.baseUrl(), "m"),
					ChatRequest.of(ChatMessage.user(prompt)));

			assertThat(estimated.tokensIn()).isEqualTo(counted.tokensIn());
			assertThat(estimated.tokensOut()).isEqualTo(counted.tokensOut());
		}
	}
}
