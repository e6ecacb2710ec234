package dev.arbiter.evaluation.internal.scoring;

import java.util.regex.Pattern;

/**
 * {@code contains}: 1 when any normalised expected answer occurs in the normalised output, else 0.
 * With {@code wholeWord: true} the answer must not be part of a longer word or number ("4" is then
 * not found in "42"). Normalisation as in {@link TextNormalization}. Default threshold 1.
 */
final class ContainsScorer implements Scorer {

	private final String name;

	private final TextNormalization normalization;

	private final boolean wholeWord;

	private final double threshold;

	ContainsScorer(ScorerConfig config) {
		this.name = config.name();
		this.normalization = TextNormalization.from(config);
		this.wholeWord = config.bool("wholeWord", false);
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
			String needle = normalization.apply(expected);
			if (!needle.isEmpty() && contains(output, needle)) {
				return Score.of(name, 1.0, threshold, "found '" + expected + "'");
			}
		}
		return Score.of(name, 0.0, threshold, "no expected answer found in the output");
	}

	private boolean contains(String haystack, String needle) {
		if (!wholeWord) {
			return haystack.contains(needle);
		}
		return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(needle) + "(?![\\p{L}\\p{N}])")
			.matcher(haystack)
			.find();
	}

}
