package dev.arbiter.evaluation.internal.scoring;

/** A scoring configuration that cannot be used; {@link #key()} names the offending key. */
public class InvalidScoringConfig extends RuntimeException {

	private final String key;

	InvalidScoringConfig(String key, String message) {
		super("scoring config '" + key + "': " + message);
		this.key = key;
	}

	InvalidScoringConfig(String key, String message, Throwable cause) {
		super("scoring config '" + key + "': " + message, cause);
		this.key = key;
	}

	public String key() {
		return key;
	}

}
