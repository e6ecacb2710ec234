package dev.arbiter.telemetry;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Committed events in the order they were stored, for the aggregator. Every event with a
 * sequence number at or below {@link #committedHorizon()} is committed, and no event at or
 * below it can still appear: writers hold a shared lock from taking sequence numbers until
 * commit, and the horizon is read under the exclusive side of that lock.
 */
public interface EventFeed {

	long committedHorizon();

	/** Events with {@code afterSeq < seq <= uptoSeq}, in seq order, at most {@code limit}. */
	List<FeedEvent> read(long afterSeq, long uptoSeq, int limit);

	/**
	 * The columns aggregation needs; {@code assessment} marks a judgment of an earlier call
	 * ({@link MetricEvent#isAssessment}), which is not a call itself.
	 */
	record FeedEvent(long seq, UUID orgId, OffsetDateTime occurredAt, String model, String domain, String agent, String tier,
			UUID apiKeyId, Double latencyMs, Double ttftMs, Integer tokensIn, Integer tokensOut, BigDecimal cost,
			boolean success, Boolean truncated, Double confidence, boolean benchmark, Boolean correct, boolean assessment) {
	}
}
