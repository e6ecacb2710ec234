package dev.arbiter.shared;

import org.springframework.http.HttpStatus;

/** The caller's organization has no such thing (another organization's ids answer the same). */
public class NotFound extends ArbiterException {

	public NotFound(String entity, Object id) {
		super(HttpStatus.NOT_FOUND, entity + " " + id + " not found");
	}
}
