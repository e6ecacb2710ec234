package dev.arbiter.inference;

import java.math.BigDecimal;

/**
 * A model's answer and what it took.
 *
 * @param content        the answer's text ({@code ""} when the model only called tools)
 * @param finishReason   OpenAI's vocabulary: {@code stop}, {@code length}, {@code tool_calls}, … (Anthropic's
 *                       stop reasons are mapped onto it), or null when the upstream gave none
 * @param tokensIn       prompt tokens
 * @param tokensOut      completion tokens
 * @param usageEstimated the upstream sent no usage (or only part of it), so the missing counts are cl100k_base
 *                       estimates
 * @param latencyMs      from sending the successful attempt to having read its whole body; waits for a
 *                       concurrency slot and between attempts are not included
 * @param ttftMs         time to the first token; null, as calls are not streamed
 * @param cost           USD at the model's price in force now, or null when the model has no price
 * @param attempts       how many attempts it took, 1 when the first one succeeded
 * @param upstreamModel  the model id sent to the upstream
 */
public record ChatResult(String content, String finishReason, int tokensIn, int tokensOut, boolean usageEstimated,
		double latencyMs, Double ttftMs, BigDecimal cost, int attempts, String upstreamModel) {
}
