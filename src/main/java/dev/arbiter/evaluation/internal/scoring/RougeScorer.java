package dev.arbiter.evaluation.internal.scoring;

import java.util.List;
import java.util.Locale;

/**
 * {@code rouge}: ROUGE F-measure of the output against the expected answers, compatible with
 * Google's {@code rouge-score} (see {@link Rouge}); with several expected answers the best one
 * counts. {@code variant}: {@code rouge1} (default), {@code rouge2} … {@code rouge9},
 * {@code rougeL} or {@code rougeLsum}; {@code stemming} (false, as rouge-score's
 * {@code use_stemmer}); {@code measure}: {@code fmeasure} (default), {@code precision} or
 * {@code recall}. Default threshold 0.5.
 */
final class RougeScorer implements Scorer {

	private static final List<String> MEASURES = List.of("fmeasure", "precision", "recall");

	private final String name;

	private final Rouge rouge;

	private final String measure;

	private final double threshold;

	RougeScorer(ScorerConfig config) {
		this.name = config.name();
		String variant = config.string("variant", "rouge1");
		if (!Rouge.isVariant(variant)) {
			throw new InvalidScoringConfig("variant",
					"must be rouge1 … rouge9, rougeL or rougeLsum, was '" + variant + "'");
		}
		this.rouge = new Rouge(variant, config.bool("stemming", false));
		this.measure = config.choice("measure", "fmeasure", MEASURES);
		this.threshold = config.threshold(0.5);
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
		Rouge.Result r = rouge.scoreBest(input.expected(), input.output());
		double value = switch (measure) {
			case "precision" -> r.precision();
			case "recall" -> r.recall();
			default -> r.fmeasure();
		};
		return Score.of(name, value, threshold, String.format(Locale.ROOT, "%s P %.4f R %.4f F %.4f", rouge.variant(),
				r.precision(), r.recall(), r.fmeasure()));
	}

}
