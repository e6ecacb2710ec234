package dev.arbiter.inference.internal;

import java.time.Duration;

/** The moment by which a whole call must be over, on the monotonic clock. */
public final class Deadline {

	private final long atNanos;

	private Deadline(long atNanos) {
		this.atNanos = atNanos;
	}

	public static Deadline after(Duration budget) {
		return new Deadline(System.nanoTime() + budget.toNanos());
	}

	public Duration remaining() {
		long left = atNanos - System.nanoTime();
		return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
	}

	public boolean passed() {
		return remaining().isZero();
	}

	/** Whether a wait of that length still leaves time for an attempt. */
	public boolean allows(Duration wait) {
		return wait.compareTo(remaining()) < 0;
	}
}
