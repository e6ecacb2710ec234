package dev.arbiter.evaluation.internal.scoring;

/**
 * {@code exact}: 1 when the normalised output equals any normalised expected answer, else 0.
 * Normalisation as in {@link TextNormalization}. Default threshold 1.
 */
final class ExactMatchScorer implements Scorer {

	private final String name;

	private final TextNormalization normalization;

	private final double threshold;

	ExactMatchScorer(ScorerConfig config) {
		this.name = config.name();
		this.normalization = TextNormalization.from(config);
		this.threshold = config.threshold(1.0);
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public Score score(ScoringInput input) {
		if (!input.hasExpected()) {
			return Score.failed(name, "no expected answer");
		}
		String output = normalization.apply(input.output());
		for (String expected : input.expected()) {
			if (output.equals(normalization.apply(expected))) {
				return Score.of(name, 1.0, threshold, "matched '" + expected + "'");
			}
		}
		return Score.of(name, 0.0, threshold, "'" + Texts.abbreviate(output) + "' matches no expected answer");
	}

}
