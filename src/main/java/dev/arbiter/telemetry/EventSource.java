package dev.arbiter.telemetry;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a metric event came from. */
public enum EventSource {

	GATEWAY, EVAL, IMPORT, OTLP, API;

	@JsonValue
	public String wire() {
		return name().toLowerCase();
	}

	public static EventSource fromWire(String value) {
		return valueOf(value.trim().toUpperCase());
	}
}
