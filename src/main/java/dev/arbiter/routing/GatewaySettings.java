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
 */
@ConfigurationProperties("arbiter.gateway")
public record GatewaySettings(Duration snapshotRefresh, Integer shrinkage, Integer queueCapacity, Duration connectTimeout,
		Duration firstByteTimeout) {

	public GatewaySettings {
		snapshotRefresh = snapshotRefresh == null ? Duration.ofSeconds(5) : snapshotRefresh;
		shrinkage = shrinkage == null ? 20 : shrinkage;
		queueCapacity = queueCapacity == null ? 10_000 : queueCapacity;
		connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
		firstByteTimeout = firstByteTimeout == null ? Duration.ofSeconds(60) : firstByteTimeout;
	}
}
