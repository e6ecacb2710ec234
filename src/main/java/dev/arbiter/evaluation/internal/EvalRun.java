package dev.arbiter.evaluation.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.arbiter.shared.Conflict;
import dev.arbiter.shared.Time;

/**
 * An evaluation run: a suite, the models it asks, how (params, template, repeats, concurrency),
 * and where it is: pending → running → completed | failed | cancelled.
 */
record EvalRun(UUID id, UUID orgId, UUID suiteId, String suiteName, String suiteVersion, String domain, List<String> models,
		Params params, String promptTemplate, int repeats, int concurrency, List<Map<String, Object>> scoring, Status status,
		int total, int completed, int failed, long tokensIn, long tokensOut, BigDecimal cost, String error, String createdBy,
		OffsetDateTime createdAt, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

	enum Status {

		PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

		@com.fasterxml.jackson.annotation.JsonValue
		String wire() {
			return name().toLowerCase();
		}

		boolean terminal() {
			return this == COMPLETED || this == FAILED || this == CANCELLED;
		}
	}

	/** Generation parameters sent with every call; {@code seed} + the repeat index makes repeats differ. */
	record Params(Double temperature, Integer maxTokens, Long seed) {
	}

	/** Guards the one transition a caller can ask for. */
	void requireCancellable() {
		if (status.terminal()) {
			throw new Conflict("status", "The run is already " + status.wire());
		}
	}

	Progress progress() {
		int done = completed + failed;
		Double eta = null;
		if (status == Status.RUNNING && startedAt != null && done > 0 && done < total) {
			double elapsed = Duration.between(startedAt, Time.now()).toMillis() / 1000.0;
			eta = elapsed / done * (total - done);
		}
		return new Progress(total, completed, failed, total == 0 ? 1.0 : (double) done / total, eta);
	}

	/** How far a run is; {@code etaSeconds} while running. */
	record Progress(int total, int completed, int failed, double fraction, Double etaSeconds) {
	}
}
