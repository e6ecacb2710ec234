package dev.arbiter.registry;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a model is in its life: only active and experimental models take traffic. */
public enum ModelStatus {

	ACTIVE, EXPERIMENTAL, DEPRECATED, ARCHIVED;

	@JsonValue
	public String wire() {
		return name().toLowerCase();
	}

	public static ModelStatus fromWire(String value) {
		return valueOf(value.toUpperCase());
	}

	@Override
	public String toString() {
		return wire();
	}
}
