package dev.arbiter.inference.internal;

import java.net.http.HttpRequest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.arbiter.inference.ChatMessage;
import dev.arbiter.inference.ChatRequest;
import dev.arbiter.registry.ModelCatalog.Upstream;

/** {@code POST {baseUrl}/chat/completions} of OpenAI and the servers that speak its API (vLLM, Ollama, TGI, …). */
final class OpenAiCompatibleClient implements InferenceClient {

	static final OpenAiCompatibleClient INSTANCE = new OpenAiCompatibleClient();

	private OpenAiCompatibleClient() {
	}

	@Override
	public HttpRequest.Builder request(Upstream upstream, ChatRequest request) {
		ObjectNode body = Json.MAPPER.createObjectNode();
		body.put("model", upstream.upstreamModel());
		ArrayNode messages = body.putArray("messages");
		for (ChatMessage message : request.messages()) {
			messages.addObject().put("role", message.role()).put("content", message.content());
		}
		if (request.temperature() != null) {
			body.put("temperature", request.temperature());
		}
		if (request.maxTokens() != null) {
			body.put("max_tokens", request.maxTokens());
		}
		if (request.seed() != null) {
			body.put("seed", request.seed());
		}
		Json.putExtra(body, request.extra());
		var builder = HttpRequest.newBuilder(InferenceClient.endpoint(upstream.baseUrl(), "/chat/completions"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
		if (upstream.apiKey() != null && !upstream.apiKey().isBlank()) {
			builder.header("Authorization", "Bearer " + upstream.apiKey());
		}
		return builder;
	}

	@Override
	public Reply read(JsonNode body) {
		JsonNode choice = body.path("choices").path(0);
		if (!choice.isObject()) {
			throw new UnexpectedAnswer("no choices in the completion");
		}
		JsonNode message = choice.path("message");
		if (!message.isObject()) {
			throw new UnexpectedAnswer("the first choice has no message");
		}
		String content = Json.text(message, "content");
		JsonNode usage = body.path("usage");
		Integer tokensIn = usage.isObject() ? Json.count(usage, "prompt_tokens") : null;
		Integer tokensOut = usage.isObject() ? Json.count(usage, "completion_tokens") : null;
		return new Reply(content == null ? "" : content, Json.text(choice, "finish_reason"), tokensIn, tokensOut);
	}
}
