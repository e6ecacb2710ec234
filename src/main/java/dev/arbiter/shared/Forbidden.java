package dev.arbiter.shared;

import org.springframework.http.HttpStatus;

/** The caller is known but its role does not allow this. */
public class Forbidden extends ArbiterException {

	public Forbidden(String message) {
		super(HttpStatus.FORBIDDEN, message);
	}
}
