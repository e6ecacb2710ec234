package dev.arbiter.inference.internal;

import java.net.URI;
import java.net.http.HttpRequest;

import tools.jackson.databind.JsonNode;

import dev.arbiter.inference.ChatRequest;
import dev.arbiter.registry.ModelCatalog.Upstream;

/**
 * The wire format of one kind of upstream API: the request a chat call becomes and how its answer
 * reads. Sending, timeouts and retries are the same for every kind ({@link UpstreamHttp}).
 */
public interface InferenceClient {

	/** The client for an agent's API type: {@code openai} (any OpenAI-compatible server) or {@code anthropic}. */
	static InferenceClient forApiType(String apiType) {
		return switch (apiType == null ? "" : apiType) {
			case "openai" -> OpenAiCompatibleClient.INSTANCE;
			case "anthropic" -> AnthropicClient.INSTANCE;
			default -> throw new IllegalArgumentException("unknown upstream API type '" + apiType + "', expected openai or anthropic");
		};
	}

	/** The HTTP request for this call, headers and body, without a timeout. */
	HttpRequest.Builder request(Upstream upstream, ChatRequest request);

	/**
	 * The answer in a 2xx JSON body.
	 * @throws UnexpectedAnswer if the body is not an answer of this format
	 */
	Reply read(JsonNode body);

	/** {@code baseUrl} (which ends with the API version, like {@code …/v1}) joined with a path. */
	static URI endpoint(String baseUrl, String path) {
		String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		return URI.create(base + path);
	}
}
