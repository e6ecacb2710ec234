package dev.arbiter.inference.internal;

import java.time.Duration;

/**
 * One attempt at an upstream call failed; the retry policy decides on {@link #retryable()} and
 * {@link #retryAfter()} whether another is made. Its message never carries request headers.
 */
public final class AttemptFailed extends RuntimeException {

	private final String errorType;

	private final Integer status;

	private final boolean retryable;

	private final Duration retryAfter;

	private final double latencyMs;

	private AttemptFailed(String errorType, Integer status, boolean retryable, Duration retryAfter, double latencyMs,
			String message, Throwable cause) {
		super(message, cause, false, false);
		this.errorType = errorType;
		this.status = status;
		this.retryable = retryable;
		this.retryAfter = retryAfter;
		this.latencyMs = latencyMs;
	}

	static AttemptFailed timeout(String message, double latencyMs, Throwable cause) {
		return new AttemptFailed("timeout", null, true, null, latencyMs, message, cause);
	}

	static AttemptFailed connect(String message, double latencyMs, Throwable cause) {
		return new AttemptFailed("connect", null, true, null, latencyMs, message, cause);
	}

	static AttemptFailed interrupted(double latencyMs) {
		return new AttemptFailed("interrupted", null, false, null, latencyMs, "interrupted while calling the upstream", null);
	}

	static AttemptFailed badResponse(String message, Integer status, double latencyMs) {
		return new AttemptFailed("bad_response", status, false, null, latencyMs, message, null);
	}

	/** A response with a status other than 2xx: 429, 408 and 5xx are worth another attempt, other 4xx are not. */
	static AttemptFailed status(int status, Duration retryAfter, double latencyMs, String message) {
		if (status == 429) {
			return new AttemptFailed("rate_limited", status, true, retryAfter, latencyMs, message, null);
		}
		if (status >= 500 && status <= 599) {
			return new AttemptFailed("http_5xx", status, true, retryAfter, latencyMs, message, null);
		}
		if (status >= 400 && status <= 499) {
			return new AttemptFailed("http_4xx", status, status == 408, retryAfter, latencyMs, message, null);
		}
		return badResponse(message, status, latencyMs);
	}

	/** No slot on the agent came free before the call's deadline. */
	static AttemptFailed noSlot(String agent, int limit) {
		return new AttemptFailed("timeout", null, false, null, 0,
				"no free slot on agent " + agent + " (at most " + limit + " calls in flight) before the total timeout", null);
	}

	public String errorType() {
		return errorType;
	}

	public Integer status() {
		return status;
	}

	public boolean retryable() {
		return retryable;
	}

	public Duration retryAfter() {
		return retryAfter;
	}

	public double latencyMs() {
		return latencyMs;
	}
}
