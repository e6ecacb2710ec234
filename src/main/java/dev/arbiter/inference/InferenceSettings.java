package dev.arbiter.inference;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code arbiter.inference.*}: how upstream calls are made (environment: {@code ARBITER_INFERENCE_*}).
 *
 * @param connectTimeout         to open a connection to an upstream
 * @param firstByteTimeout       from sending an attempt to its response headers
 * @param totalTimeout           a whole call: the wait for a concurrency slot, every attempt with its body,
 *                               and the waits between attempts
 * @param maxAttempts            attempts per call, the first included
 * @param initialBackoff         the shortest wait before a retry; the longest doubles with every retry
 * @param maxBackoff             the longest wait before a retry, unless {@code Retry-After} asks for more
 * @param defaultMaxConcurrency  calls in flight per agent when the agent sets no {@code maxConcurrency}
 */
@ConfigurationProperties("arbiter.inference")
public record InferenceSettings(Duration connectTimeout, Duration firstByteTimeout, Duration totalTimeout,
		Integer maxAttempts, Duration initialBackoff, Duration maxBackoff, Integer defaultMaxConcurrency) {

	public InferenceSettings {
		connectTimeout = positive("connect-timeout", connectTimeout, Duration.ofSeconds(5));
		firstByteTimeout = positive("first-byte-timeout", firstByteTimeout, Duration.ofSeconds(60));
		totalTimeout = positive("total-timeout", totalTimeout, Duration.ofSeconds(300));
		maxAttempts = atLeastOne("max-attempts", maxAttempts, 3);
		initialBackoff = positive("initial-backoff", initialBackoff, Duration.ofMillis(200));
		maxBackoff = positive("max-backoff", maxBackoff, Duration.ofSeconds(10));
		defaultMaxConcurrency = atLeastOne("default-max-concurrency", defaultMaxConcurrency, 16);
		if (maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("arbiter.inference.max-backoff must not be shorter than initial-backoff");
		}
	}

	/** Every setting at its default. */
	public static InferenceSettings defaults() {
		return new InferenceSettings(null, null, null, null, null, null, null);
	}

	private static Duration positive(String key, Duration value, Duration fallback) {
		if (value == null) {
			return fallback;
		}
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("arbiter.inference." + key + " must be positive, got " + value);
		}
		return value;
	}

	private static Integer atLeastOne(String key, Integer value, int fallback) {
		if (value == null) {
			return fallback;
		}
		if (value < 1) {
			throw new IllegalArgumentException("arbiter.inference." + key + " must be at least 1, got " + value);
		}
		return value;
	}
}
