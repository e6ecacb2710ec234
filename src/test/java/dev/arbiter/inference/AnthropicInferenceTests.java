package dev.arbiter.inference;

import static dev.arbiter.inference.Fixtures.API_KEY;
import static dev.arbiter.inference.Fixtures.ORG;
import static dev.arbiter.inference.Fixtures.PRICE;
import static dev.arbiter.inference.Fixtures.anAnthropicUpstream;
import static dev.arbiter.inference.Fixtures.inference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.arbiter.inference.StubUpstream.Reply;
import tools.jackson.databind.JsonNode;

/** Chat calls to Anthropic's Messages API, against a stub that speaks its wire format. */
class AnthropicInferenceTests {

	final Inference inference = inference();

	static String message(String stopReason, String usage, String... texts) {
		var body = StubUpstream.JSON.createObjectNode();
		body.put("id", "msg_stub").put("type", "message").put("role", "assistant").put("model", "claude-test");
		var content = body.putArray("content");
		for (String text : texts) {
			content.addObject().put("type", "text").put("text", text);
		}
		body.put("stop_reason", stopReason);
		body.putNull("stop_sequence");
		if (usage != null) {
			body.set("usage", StubUpstream.JSON.readTree(usage));
		}
		return body.toString();
	}

	static StubUpstream anthropic(String stopReason, String usage, String... texts) {
		return StubUpstream.answering((n, request) -> request.path().equals("/v1/messages")
				? Reply.json(200, message(stopReason, usage, texts))
				: Reply.json(404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\"}}"));
	}

	@Test
	void sendsSystemMessagesApartWithDefaultMaxTokensAndAnthropicHeaders() {
		try (var stub = anthropic("end_turn", "{\"input_tokens\":21,\"output_tokens\":4}", "Bonjour")) {
			var request = new ChatRequest(List.of(ChatMessage.system("You translate."), ChatMessage.system("Be brief."),
					ChatMessage.user("Hello"), ChatMessage.assistant("Bonjour"), ChatMessage.user("Again")), 0.3, null, 7L,
					Map.of("top_k", 5));

			inference.chat(ORG, anAnthropicUpstream(stub.baseUrl()), request);

			var sent = stub.lastRequest();
			assertThat(sent.path()).isEqualTo("/v1/messages");
			assertThat(sent.headers().getFirst("x-api-key")).isEqualTo(API_KEY);
			assertThat(sent.headers().getFirst("anthropic-version")).isEqualTo("2023-06-01");
			assertThat(sent.headers().containsKey("Authorization")).isFalse();
			JsonNode body = sent.json();
			assertThat(body.path("model").stringValue()).isEqualTo("claude-test");
			assertThat(body.path("system").stringValue()).isEqualTo("You translate.\n\nBe brief.");
			assertThat(body.path("max_tokens").intValue()).isEqualTo(1024);
			assertThat(body.path("temperature").doubleValue()).isEqualTo(0.3);
			assertThat(body.path("top_k").intValue()).isEqualTo(5);
			assertThat(body.has("seed")).isFalse();
			assertThat(body.path("messages").size()).isEqualTo(3);
			assertThat(body.path("messages").path(0).path("role").stringValue()).isEqualTo("user");
			assertThat(body.path("messages").path(1).path("role").stringValue()).isEqualTo("assistant");
			assertThat(body.path("messages").path(2).path("content").stringValue()).isEqualTo("Again");
		}
	}

	@Test
	void sendsTheRequestedMaxTokensAndNoSystemFieldWithoutSystemMessages() {
		try (var stub = anthropic("end_turn", "{\"input_tokens\":8,\"output_tokens\":2}", "Hi")) {

			inference.chat(ORG, anAnthropicUpstream(stub.baseUrl()), ChatRequest.of(ChatMessage.user("Hello")).withMaxTokens(50));

			JsonNode body = stub.lastRequest().json();
			assertThat(body.path("max_tokens").intValue()).isEqualTo(50);
			assertThat(body.has("system")).isFalse();
		}
	}

	@Test
	void readsTextBlocksUsageAndCost() {
		try (var stub = anthropic("end_turn", "{\"input_tokens\":21,\"output_tokens\":4}", "Bon", "jour")) {

			ChatResult result = inference.chat(ORG, anAnthropicUpstream(stub.baseUrl()), ChatRequest.of(ChatMessage.user("Hello")));

			assertThat(result.content()).isEqualTo("Bonjour");
			assertThat(result.finishReason()).isEqualTo("stop");
			assertThat(result.tokensIn()).isEqualTo(21);
			assertThat(result.tokensOut()).isEqualTo(4);
			assertThat(result.usageEstimated()).isFalse();
			assertThat(result.cost()).isEqualByComparingTo(PRICE.cost(21, 4));
			assertThat(result.upstreamModel()).isEqualTo("claude-test");
		}
	}

	@Test
	void countsPromptCacheTokensAsInput() {
		try (var stub = anthropic("end_turn",
				"{\"input_tokens\":10,\"cache_creation_input_tokens\":100,\"cache_read_input_tokens\":1000,\"output_tokens\":4}", "ok")) {

			ChatResult result = inference.chat(ORG, anAnthropicUpstream(stub.baseUrl()), ChatRequest.of(ChatMessage.user("Hello")));

			assertThat(result.tokensIn()).isEqualTo(1110);
		}
	}

	@Test
	void mapsStopReasonsOntoOpenAiFinishReasons() {
		assertThat(finishReasonFor("max_tokens")).isEqualTo("length");
		assertThat(finishReasonFor("tool_use")).isEqualTo("tool_calls");
		assertThat(finishReasonFor("stop_sequence")).isEqualTo("stop");
		assertThat(finishReasonFor("refusal")).isEqualTo("content_filter");
		assertThat(finishReasonFor("pause_turn")).isEqualTo("pause_turn");
	}

	@Test
	void estimatesUsageWhenTheMessageHasNone() {
		try (var stub = anthropic("end_turn", null, "Bonjour")) {

			ChatResult result = inference.chat(ORG, anAnthropicUpstream(stub.baseUrl()), ChatRequest.of(ChatMessage.user("Hello")));

			assertThat(result.usageEstimated()).isTrue();
			assertThat(result.tokensIn()).isPositive();
			assertThat(result.tokensOut()).isPositive();
		}
	}

	@Test
	void retriesAnOverloadedApi() {
		try (var stub = StubUpstream.answering((n, request) -> n == 0
				? Reply.json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}")
				: Reply.json(200, message("end_turn", "{\"input_tokens\":3,\"output_tokens\":1}", "ok")))) {

			ChatResult result = inference.chat(ORG, anAnthropicUpstream(stub.baseUrl()), ChatRequest.of(ChatMessage.user("Hello")));

			assertThat(result.attempts()).isEqualTo(2);
		}
	}

	@Test
	void reportsAMessageWithoutContentAsABadResponse() {
		try (var stub = StubUpstream.answering((n, request) -> Reply.json(200, "{\"type\":\"message\"}"))) {

			var failure = catchThrowableOfType(UpstreamFailed.class,
					() -> inference.chat(ORG, anAnthropicUpstream(stub.baseUrl()), ChatRequest.of(ChatMessage.user("Hello"))));

			assertThat(failure.errorType()).isEqualTo("bad_response");
		}
	}

	private String finishReasonFor(String stopReason) {
		try (var stub = anthropic(stopReason, "{\"input_tokens\":3,\"output_tokens\":1}", "x")) {
			return inference.chat(ORG, anAnthropicUpstream(stub.baseUrl()), ChatRequest.of(ChatMessage.user("Hello"))).finishReason();
		}
	}
}
