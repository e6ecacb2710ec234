package dev.arbiter.benchmark.internal;

/**
 * One item breaks a rule ({@code field} names what is wrong). The import names the line on top;
 * a single-item request turns it into {@link dev.arbiter.shared.InvalidInput}.
 */
class ItemRejected extends RuntimeException {

	private final String field;

	ItemRejected(String field, String message) {
		super(message, null, false, false);
		this.field = field;
	}

	String field() {
		return field;
	}
}
