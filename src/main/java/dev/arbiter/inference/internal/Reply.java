package dev.arbiter.inference.internal;

/**
 * What an upstream answered, in OpenAI's terms.
 *
 * @param tokensIn  prompt tokens from the upstream's usage, or null when it sent none
 * @param tokensOut completion tokens from the upstream's usage, or null when it sent none
 */
public record Reply(String content, String finishReason, Integer tokensIn, Integer tokensOut) {

	public boolean hasUsage() {
		return tokensIn != null && tokensOut != null;
	}
}
