package dev.arbiter.shared;

import org.springframework.http.HttpStatus;

/** The request clashes with what is stored (a duplicate name, a row still in use). */
public class Conflict extends ArbiterException {

	private final String field;

	public Conflict(String field, String message) {
		super(HttpStatus.CONFLICT, message);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
