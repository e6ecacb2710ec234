package dev.arbiter.metrics;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How far back latest metrics look: the last 24 hours (by hour), the last 7 or 30 days (by UTC
 * day, today included), or everything.
 */
public enum Window {

	H24("24h"), D7("7d"), D30("30d"), ALL("all");

	private final String wire;

	Window(String wire) {
		this.wire = wire;
	}

	@JsonValue
	public String wire() {
		return wire;
	}

	public static Window fromWire(String value) {
		for (var window : values()) {
			if (window.wire.equalsIgnoreCase(value)) {
				return window;
			}
		}
		throw new dev.arbiter.shared.InvalidInput("window", "must be one of 24h, 7d, 30d, all");
	}

	/** 'h' or 'd': the rollup granularity this window reads. */
	public String granularity() {
		return this == H24 ? "h" : "d";
	}

	/** The first bucket in the window, or null for all. */
	public OffsetDateTime since(OffsetDateTime now) {
		var utc = now.withOffsetSameInstant(ZoneOffset.UTC);
		return switch (this) {
			case H24 -> utc.truncatedTo(ChronoUnit.HOURS).minusHours(23);
			case D7 -> utc.truncatedTo(ChronoUnit.DAYS).minusDays(6);
			case D30 -> utc.truncatedTo(ChronoUnit.DAYS).minusDays(29);
			case ALL -> null;
		};
	}
}
