package dev.arbiter.telemetry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code arbiter.telemetry.*}.
 *
 * @param retentionDays   raw events older than this many days are dropped (whole monthly partitions on
 *                        PostgreSQL); 0 keeps them forever. Rollups are kept.
 * @param partitionsAhead how many monthly partitions PostgreSQL keeps ready beyond the current month
 */
@ConfigurationProperties("arbiter.telemetry")
public record TelemetrySettings(int retentionDays, int partitionsAhead) {

	public TelemetrySettings {
		if (retentionDays < 0) {
			throw new IllegalArgumentException("arbiter.telemetry.retention-days must be 0 (keep) or more");
		}
		partitionsAhead = partitionsAhead <= 0 ? 2 : partitionsAhead;
	}
}
