package dev.arbiter.inference;

import java.time.Duration;

/**
 * An upstream did not answer a chat call, after every attempt that was worth making.
 *
 * <p>{@link #errorType()} says what happened to the last attempt: {@code timeout} (no answer in time),
 * {@code connect} (the connection could not be made or broke), {@code rate_limited} (429),
 * {@code http_4xx}, {@code http_5xx}, {@code bad_response} (a 2xx body that is not the expected JSON),
 * or {@code interrupted} (the calling thread was interrupted; not the upstream's fault).
 */
public class UpstreamFailed extends RuntimeException {

	private final String errorType;

	private final Integer status;

	private final boolean retryable;

	private final Duration retryAfter;

	private final int attempts;

	private final double latencyMs;

	public UpstreamFailed(String errorType, Integer status, boolean retryable, Duration retryAfter, int attempts,
			double latencyMs, String message) {
		super(message);
		this.errorType = errorType;
		this.status = status;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
		this.attempts = attempts;
		this.latencyMs = latencyMs;
	}

	/** {@code timeout}, {@code connect}, {@code rate_limited}, {@code http_4xx}, {@code http_5xx}, {@code bad_response} or {@code interrupted}. */
	public String errorType() {
		return errorType;
	}

	/** The HTTP status of the last attempt, or null when there was no response. */
	public Integer status() {
		return status;
	}

	/** Whether the same call may succeed later (429, 408, 5xx, timeouts and connection errors). */
	public boolean retryable() {
		return retryable;
	}

	/** How long the upstream asked to wait ({@code Retry-After}), or null. */
	public Duration retryAfter() {
		return retryAfter;
	}

	public int attempts() {
		return attempts;
	}

	/** The duration of the last attempt. */
	public double latencyMs() {
		return latencyMs;
	}
}
