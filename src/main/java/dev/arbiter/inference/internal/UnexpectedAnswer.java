package dev.arbiter.inference.internal;

/** A 2xx body that is not the answer the wire format promises. */
final class UnexpectedAnswer extends RuntimeException {

	UnexpectedAnswer(String message) {
		super(message, null, false, false);
	}
}
