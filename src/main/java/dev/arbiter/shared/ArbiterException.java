package dev.arbiter.shared;

import org.springframework.http.HttpStatus;

/** An error that the HTTP edge turns into a problem detail with the given status. */
public abstract class ArbiterException extends RuntimeException {

	private final HttpStatus status;

	protected ArbiterException(HttpStatus status, String message) {
		super(message);
		this.status = status;
	}

	public HttpStatus status() {
		return status;
	}

	/** A short title for the problem; the message is its detail. */
	public String title() {
		return status.getReasonPhrase();
	}
}
