package dev.arbiter.benchmark;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a suite comes from: {@code standard} (shipped with Arbiter, e.g. the starter suites) or {@code custom}. */
public enum SuiteKind {

	STANDARD, CUSTOM;

	@JsonValue
	public String wire() {
		return name().toLowerCase();
	}

	public static SuiteKind fromWire(String value) {
		return valueOf(value.toUpperCase());
	}

	@Override
	public String toString() {
		return wire();
	}
}
