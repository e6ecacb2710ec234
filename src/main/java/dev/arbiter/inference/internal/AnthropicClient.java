package dev.arbiter.inference.internal;

import java.net.http.HttpRequest;
import java.util.ArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.arbiter.inference.AnthropicMessages;
import dev.arbiter.inference.ChatMessage;
import dev.arbiter.inference.ChatRequest;
import dev.arbiter.registry.ModelCatalog.Upstream;

/**
 * {@code POST {baseUrl}/messages} of Anthropic's Messages API: system messages go to the top-level
 * {@code system} field, {@code max_tokens} is always sent (1024 unless asked), a seed is not sent
 * (the API has none), and stop reasons are mapped onto OpenAI's finish reasons.
 */
final class AnthropicClient implements InferenceClient {

	static final AnthropicClient INSTANCE = new AnthropicClient();

	private AnthropicClient() {
	}

	@Override
	public HttpRequest.Builder request(Upstream upstream, ChatRequest request) {
		ObjectNode body = Json.MAPPER.createObjectNode();
		body.put("model", upstream.upstreamModel());
		body.put("max_tokens", request.maxTokens() != null ? request.maxTokens() : AnthropicMessages.DEFAULT_MAX_TOKENS);
		var system = new ArrayList<String>();
		ArrayNode messages = body.putArray("messages");
		for (ChatMessage message : request.messages()) {
			if (message.isSystem()) {
				system.add(message.content());
			}
			else {
				messages.addObject().put("role", message.role()).put("content", message.content());
			}
		}
		if (!system.isEmpty()) {
			body.put("system", String.join("\n\n", system));
		}
		if (request.temperature() != null) {
			body.put("temperature", request.temperature());
		}
		Json.putExtra(body, request.extra());
		var builder = HttpRequest.newBuilder(InferenceClient.endpoint(upstream.baseUrl(), "/messages"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("anthropic-version", AnthropicMessages.VERSION)
			.POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
		if (upstream.apiKey() != null && !upstream.apiKey().isBlank()) {
			builder.header("x-api-key", upstream.apiKey());
		}
		return builder;
	}

	/** The text blocks joined; input tokens include those written to and read from the prompt cache. */
	@Override
	public Reply read(JsonNode body) {
		JsonNode blocks = body.path("content");
		if (!blocks.isArray()) {
			throw new UnexpectedAnswer("no content blocks in the message");
		}
		var content = new StringBuilder();
		for (JsonNode block : blocks) {
			if ("text".equals(Json.text(block, "type"))) {
				content.append(Json.text(block, "text"));
			}
		}
		JsonNode usage = body.path("usage");
		Integer tokensIn = null;
		Integer tokensOut = null;
		if (usage.isObject()) {
			tokensIn = Json.count(usage, "input_tokens");
			tokensOut = Json.count(usage, "output_tokens");
			if (tokensIn != null) {
				tokensIn += orZero(Json.count(usage, "cache_creation_input_tokens"))
						+ orZero(Json.count(usage, "cache_read_input_tokens"));
			}
		}
		return new Reply(content.toString(), AnthropicMessages.finishReason(Json.text(body, "stop_reason")), tokensIn, tokensOut);
	}

	private static int orZero(Integer count) {
		return count == null ? 0 : count;
	}
}
