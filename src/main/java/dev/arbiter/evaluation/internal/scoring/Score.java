package dev.arbiter.evaluation.internal.scoring;

/**
 * What one scorer made of one answer.
 *
 * @param name the scorer's name (its configured {@code name}, or its type)
 * @param value the score; in [0, 1] unless the scorer documents another range
 * @param passed whether {@code value} reached the scorer's threshold
 * @param detail what was compared or why it failed, for a person reading results; may be null
 */
public record Score(String name, double value, boolean passed, String detail) {

	public Score {
		if (name == null || name.isBlank()) {
			throw new IllegalArgumentException("a score needs a name");
		}
		if (Double.isNaN(value)) {
			throw new IllegalArgumentException("score " + name + " is NaN");
		}
	}

	public static Score of(String name, double value, double threshold, String detail) {
		return new Score(name, value, value >= threshold, detail);
	}

	/** A score of 0 that failed, e.g. because the item has no expected answer to compare with. */
	public static Score failed(String name, String why) {
		return new Score(name, 0.0, false, why);
	}

}
