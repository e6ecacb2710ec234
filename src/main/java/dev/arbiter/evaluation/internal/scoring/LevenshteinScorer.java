package dev.arbiter.evaluation.internal.scoring;

import java.util.Locale;

import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * {@code levenshtein}: edit similarity {@code 1 - distance / max(length)} between the output and
 * the closest expected answer, both normalised first as in {@link TextNormalization} unless
 * {@code normalize: false}; two empty strings are identical (1). Lengths count UTF-16 units, as
 * Commons Text does. Default threshold 0.8.
 */
final class LevenshteinScorer implements Scorer {

	private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

	private final String name;

	private final TextNormalization normalization;

	private final double threshold;

	LevenshteinScorer(ScorerConfig config) {
		this.name = config.name();
		this.normalization = config.bool("normalize", true) ? TextNormalization.from(config) : null;
		this.threshold = config.threshold(0.8);
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
		String output = normalize(input.output());
		double best = -1;
		int bestDistance = 0;
		for (String expected : input.expected()) {
			String reference = normalize(expected);
			int longest = Math.max(output.length(), reference.length());
			int distance = DISTANCE.apply(output, reference);
			double similarity = longest == 0 ? 1.0 : 1.0 - (double) distance / longest;
			if (similarity > best) {
				best = similarity;
				bestDistance = distance;
			}
		}
		return Score.of(name, best, threshold,
				String.format(Locale.ROOT, "edit distance %d, similarity %.4f", bestDistance, best));
	}

	private String normalize(String text) {
		return normalization == null ? text : normalization.apply(text);
	}

}
