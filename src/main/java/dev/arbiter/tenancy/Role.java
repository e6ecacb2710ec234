package dev.arbiter.tenancy;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a member or an API key may do, from most to least. */
public enum Role {

	OWNER, ADMIN, MEMBER, VIEWER;

	/** Whether this role grants at least what {@code other} grants. */
	public boolean atLeast(Role other) {
		return ordinal() <= other.ordinal();
	}

	@JsonValue
	public String wire() {
		return name().toLowerCase();
	}

	public static Role fromWire(String value) {
		return valueOf(value.toUpperCase());
	}

	@Override
	public String toString() {
		return wire();
	}
}
