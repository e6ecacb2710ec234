package dev.arbiter.evaluation.internal.scoring;

import java.util.Locale;

/**
 * {@code bleu}: sacreBLEU's sentence BLEU of the output against all expected answers as
 * references, on a 0–1 scale (sacreBLEU prints the same number times 100). Settings as in
 * {@link SacreBleu#sentenceDefaults()}: {@code tokenize} (13a|none), {@code lowercase} (false),
 * {@code smooth} (exp|floor|add-k|none), {@code smoothValue} (floor 0.1, add-k 1). Default
 * threshold 0.3.
 */
final class BleuScorer implements Scorer {

	private final String name;

	private final SacreBleu bleu;

	private final double threshold;

	BleuScorer(ScorerConfig config) {
		this.name = config.name();
		this.bleu = SacreBleu.sentenceDefaults()
			.withTokenize(config.choice("tokenize", "13a", SacreBleu.TOKENIZERS))
			.withLowercase(config.bool("lowercase", false))
			.withSmoothing(config.choice("smooth", "exp", SacreBleu.SMOOTH_METHODS),
					config.number("smoothValue", Double.NaN, 0.0, 1000.0));
		this.threshold = config.threshold(0.3);
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public Score score(ScoringInput input) {
		if (!input.hasExpected()) {
			return Score.failed(name, "no reference to compare with");
		}
		SacreBleu.Result result = bleu.sentenceScore(input.output(), input.expected());
		String detail = String.format(Locale.ROOT, "BLEU %.2f (precisions %.1f/%.1f/%.1f/%.1f, BP %.3f, hyp %d, ref %d)",
				result.score(), result.precisions()[0], result.precisions()[1], result.precisions()[2],
				result.precisions()[3], result.bp(), result.sysLength(), result.refLength());
		return Score.of(name, result.score() / 100.0, threshold, detail);
	}

}
