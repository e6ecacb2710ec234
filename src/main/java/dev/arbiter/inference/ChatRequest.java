package dev.arbiter.inference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to ask a model. The model itself is the upstream's, so it is not part of the request.
 *
 * @param messages    the conversation, at least one message
 * @param temperature sampling temperature, or null for the upstream's default
 * @param maxTokens   most output tokens, or null (Anthropic requires one: 1024 is sent then)
 * @param seed        sampling seed for upstreams that honour one (OpenAI-compatible), or null
 * @param extra       other OpenAI body fields passed through as they are ({@code top_p}, {@code stop},
 *                    {@code response_format}, …), empty when there are none. They cannot replace {@code model},
 *                    {@code messages} or {@code stream}: a call always waits for the whole answer.
 */
public record ChatRequest(List<ChatMessage> messages, Double temperature, Integer maxTokens, Long seed,
		Map<String, Object> extra) {

	public ChatRequest {
		if (messages == null || messages.isEmpty()) {
			throw new IllegalArgumentException("a chat request needs at least one message");
		}
		messages = List.copyOf(messages);
		if (maxTokens != null && maxTokens < 1) {
			throw new IllegalArgumentException("maxTokens must be at least 1, got " + maxTokens);
		}
		extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
	}

	/** The messages with the upstream's default parameters. */
	public static ChatRequest of(ChatMessage... messages) {
		return new ChatRequest(List.of(messages), null, null, null, Map.of());
	}

	public ChatRequest withTemperature(Double temperature) {
		return new ChatRequest(messages, temperature, maxTokens, seed, extra);
	}

	public ChatRequest withMaxTokens(Integer maxTokens) {
		return new ChatRequest(messages, temperature, maxTokens, seed, extra);
	}

	public ChatRequest withSeed(Long seed) {
		return new ChatRequest(messages, temperature, maxTokens, seed, extra);
	}

	public ChatRequest withExtra(Map<String, Object> extra) {
		return new ChatRequest(messages, temperature, maxTokens, seed, extra);
	}
}
