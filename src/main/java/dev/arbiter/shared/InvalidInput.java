package dev.arbiter.shared;

import org.springframework.http.HttpStatus;

/** A value the caller sent breaks a rule; names the field. */
public class InvalidInput extends ArbiterException {

	private final String field;

	public InvalidInput(String field, String message) {
		super(HttpStatus.BAD_REQUEST, field + ": " + message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
