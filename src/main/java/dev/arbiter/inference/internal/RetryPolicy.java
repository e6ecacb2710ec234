package dev.arbiter.inference.internal;

import java.time.Duration;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * When to try an upstream call again: after a retryable {@link AttemptFailed} (429, 408, 5xx,
 * timeouts, connection errors), up to the attempt limit, waiting as {@link Backoff} says, and only
 * while the wait still ends before the call's deadline.
 */
public final class RetryPolicy {

	private final int maxAttempts;

	private final Backoff backoff;

	public RetryPolicy(int maxAttempts, Backoff backoff) {
		this.maxAttempts = maxAttempts;
		this.backoff = backoff;
	}

	/** A retry for one call; it decides each wait when it decides to retry, so it is not shared. */
	public Retry forCall(Deadline deadline) {
		var plan = new Plan(deadline);
		RetryConfig config = RetryConfig.custom()
			.maxAttempts(maxAttempts)
			.retryOnException(plan::retry)
			.intervalBiFunction(plan::waitMillis)
			.build();
		return Retry.of("upstream", config);
	}

	private final class Plan {

		private final Deadline deadline;

		private int failures;

		private Duration nextWait = Duration.ZERO;

		Plan(Deadline deadline) {
			this.deadline = deadline;
		}

		boolean retry(Throwable failure) {
			if (!(failure instanceof AttemptFailed attempt) || !attempt.retryable()) {
				return false;
			}
			failures++;
			Duration wait = backoff.after(failures, attempt.retryAfter());
			if (!deadline.allows(wait)) {
				return false;
			}
			nextWait = wait;
			return true;
		}

		Long waitMillis(Integer attempts, Either<Throwable, Object> outcome) {
			return nextWait.toMillis();
		}
	}
}
