package dev.arbiter.inference;

/**
 * Where Anthropic's Messages API and OpenAI's Chat Completions differ in ways both the inference
 * client and the gateway's translation need: the API version header, the output cap that the
 * Messages API requires, and how its stop reasons map onto OpenAI's finish reasons.
 */
public final class AnthropicMessages {

	/** The {@code anthropic-version} header sent with every call. */
	public static final String VERSION = "2023-06-01";

	/** {@code max_tokens} when the request sets none (the Messages API requires one). */
	public static final int DEFAULT_MAX_TOKENS = 1024;

	private AnthropicMessages() {
	}

	/** OpenAI's finish reason for an Anthropic stop reason; unknown reasons pass through. */
	public static String finishReason(String stopReason) {
		if (stopReason == null) {
			return null;
		}
		return switch (stopReason) {
			case "end_turn", "stop_sequence" -> "stop";
			case "max_tokens" -> "length";
			case "tool_use" -> "tool_calls";
			case "refusal" -> "content_filter";
			default -> stopReason;
		};
	}
}
