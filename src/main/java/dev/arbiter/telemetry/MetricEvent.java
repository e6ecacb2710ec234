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

	/** A successful call, for the common case; refine with the {@code with…} methods. */
	public static MetricEvent call(String model, String domain, EventSource source, double latencyMs, int tokensIn,
			int tokensOut) {
		return new MetricEvent(UUID.randomUUID(), dev.arbiter.shared.Time.now(), model, null, domain, source, null, null, null,
				latencyMs, null, tokensIn, tokensOut, null, true, null, null, null, null, null, null, null, null, null, null);
	}
}
