package dev.arbiter.inference.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter: after the n-th failed attempt the wait is drawn uniformly
 * between the initial backoff and {@code min(max, initial × 2ⁿ)}; a longer {@code Retry-After} wins.
 */
public final class Backoff {

	private final long initialMs;

	private final long maxMs;

	private final DoubleSupplier random;

	public Backoff(Duration initial, Duration max) {
		this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
	}

	Backoff(Duration initial, Duration max, DoubleSupplier random) {
		this.initialMs = initial.toMillis();
		this.maxMs = Math.max(initialMs, max.toMillis());
		this.random = random;
	}

	/** The wait after {@code failedAttempts} failures (1 after the first), at least {@code retryAfter} when given. */
	Duration after(int failedAttempts, Duration retryAfter) {
		long ceiling = failedAttempts >= 31 ? maxMs : Math.min(maxMs, initialMs << failedAttempts);
		long wait = initialMs + (long) (random.getAsDouble() * (ceiling - initialMs));
		Duration jittered = Duration.ofMillis(wait);
		return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
	}
}
