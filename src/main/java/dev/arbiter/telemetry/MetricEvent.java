package dev.arbiter.telemetry;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One model call. {@code eventId} is the idempotency key; {@code correct} and {@code itemId} are
 * set for benchmark calls; {@code cost} is in USD; {@code metadata} is a JSON object or null.
 */
public record MetricEvent(UUID eventId, OffsetDateTime occurredAt, String model, String agent, String domain,
		EventSource source, String requestId, String correlationId, String sessionId, Double latencyMs, Double ttftMs,
		Integer tokensIn, Integer tokensOut, BigDecimal cost, boolean success, String errorType, String finishReason,
		Boolean truncated, Double confidence, String itemId, Boolean correct, UUID apiKeyId, String user, String tier,
		String metadata) {

	/** Item id prefix of a client's feedback on a gateway decision ({@code feedback:<decision id>}). */
	public static final String FEEDBACK_PREFIX = "feedback:";

	/** Item id prefix of a verifier's grade of a gateway answer ({@code verifier:<decision id>}). */
	public static final String VERIFIER_PREFIX = "verifier:";

	/**
	 * Whether an event with this item id judges an earlier call (feedback, a verifier's grade)
	 * rather than being a call itself: it counts toward accuracy and confidence, not toward requests,
	 * failures, latency, tokens or cost.
	 */
	public static boolean isAssessment(String itemId) {
		return itemId != null && (itemId.startsWith(FEEDBACK_PREFIX) || itemId.startsWith(VERIFIER_PREFIX));
	}

	/** A successful call, for the common case; refine with the {@code with…} methods. */
	public static MetricEvent call(String model, String domain, EventSource source, double latencyMs, int tokensIn,
			int tokensOut) {
		return new MetricEvent(UUID.randomUUID(), dev.arbiter.shared.Time.now(), model, null, domain, source, null, null, null,
				latencyMs, null, tokensIn, tokensOut, null, true, null, null, null, null, null, null, null, null, null, null);
	}
}
