package dev.arbiter.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code arbiter.gateway.*} (environment: {@code ARBITER_GATEWAY_*}).
 *
 * @param snapshotRefresh how often the in-memory metrics snapshot the router reads is refreshed
 * @param shrinkage       benchmark calls of prior weight: a model × domain accuracy from n calls is
 *                        pulled toward the model's overall accuracy as (n·acc + k·overall)/(n + k)
 * @param queueCapacity   decisions and events waiting to be written; beyond it requests still
 *                        succeed and the overflow is counted
 * @param connectTimeout  to an upstream
 * @param firstByteTimeout until an upstream's response headers arrive
 * @param totalTimeout    until a non-streamed upstream body has been read in full
 * @param cooldown        how long an assignment that answered 429 without {@code Retry-After} is skipped
 * @param breaker         the circuit breaker kept per assignment
 */
@ConfigurationProperties("arbiter.gateway")
public record GatewaySettings(Duration snapshotRefresh, Integer shrinkage, Integer queueCapacity, Duration connectTimeout,
		Duration firstByteTimeout, Duration totalTimeout, Duration cooldown, Breaker breaker) {

	public GatewaySettings {
		snapshotRefresh = snapshotRefresh == null ? Duration.ofSeconds(5) : snapshotRefresh;
		shrinkage = shrinkage == null ? 20 : shrinkage;
		queueCapacity = queueCapacity == null ? 10_000 : queueCapacity;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
		firstByteTimeout = firstByteTimeout == null ? Duration.ofSeconds(60) : firstByteTimeout;
		totalTimeout = totalTimeout == null ? Duration.ofSeconds(300) : totalTimeout;
		cooldown = cooldown == null ? Duration.ofSeconds(5) : cooldown;
		breaker = breaker == null ? Breaker.defaults() : breaker;
	}

	/**
	 * {@code arbiter.gateway.breaker.*}: an assignment's breaker opens after
	 * {@code consecutiveFailures} failures in a row, or when at least {@code failureRate} percent of
	 * at least {@code minimumCalls} calls within {@code window} failed; it lets
	 * {@code trialCalls} through after {@code waitInOpen}.
	 */
	public record Breaker(Integer consecutiveFailures, Float failureRate, Integer minimumCalls, Duration window, Duration waitInOpen,
			Integer trialCalls) {

		public Breaker {
			consecutiveFailures = consecutiveFailures == null ? 5 : consecutiveFailures;
			failureRate = failureRate == null ? 50f : failureRate;
			minimumCalls = minimumCalls == null ? 10 : minimumCalls;
			window = window == null ? Duration.ofSeconds(30) : window;
			waitInOpen = waitInOpen == null ? Duration.ofSeconds(10) : waitInOpen;
			trialCalls = trialCalls == null ? 3 : trialCalls;
		}

		public static Breaker defaults() {
			return new Breaker(null, null, null, null, null, null);
		}
	}
}
