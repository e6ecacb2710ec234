package dev.arbiter.evaluation.internal.scoring;

import java.util.OptionalDouble;

/**
 * {@code numeric}: 1 when the final number of the output (see {@link FinalNumber}) equals the
 * number of any expected answer within {@code tolerance} (absolute, default 1e-6) or
 * {@code relativeTolerance} (of the expected value, default 0), whichever is larger; else 0. The
 * expected answer is read the same way, so a GSM8K answer text ending in {@code #### 72} works.
 * {@code fractions} (true) reads {@code 3/4} as 0.75. Default threshold 1.
 */
final class NumericScorer implements Scorer {

	private final String name;

	private final double tolerance;

	private final double relativeTolerance;

	private final boolean fractions;

	private final double threshold;

	NumericScorer(ScorerConfig config) {
		this.name = config.name();
		this.tolerance = config.number("tolerance", 1e-6, 0.0, Double.MAX_VALUE);
		this.relativeTolerance = config.number("relativeTolerance", 0.0, 0.0, 1.0);
		this.fractions = config.bool("fractions", true);
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
		OptionalDouble output = FinalNumber.in(input.output(), fractions);
		if (output.isEmpty()) {
			return Score.of(name, 0.0, threshold, "no number in the output");
		}
		double got = output.getAsDouble();
		Double nearest = null;
		for (String expected : input.expected()) {
			OptionalDouble want = FinalNumber.in(expected, fractions);
			if (want.isEmpty()) {
				continue;
			}
			double w = want.getAsDouble();
			if (Math.abs(got - w) <= Math.max(tolerance, relativeTolerance * Math.abs(w))) {
				return Score.of(name, 1.0, threshold, "output " + format(got) + " equals expected " + format(w));
			}
			if (nearest == null || Math.abs(got - w) < Math.abs(got - nearest)) {
				nearest = w;
			}
		}
		if (nearest == null) {
			return Score.failed(name, "no number in the expected answer");
		}
		return Score.of(name, 0.0, threshold, "output " + format(got) + " but expected " + format(nearest));
	}

	private static String format(double d) {
		return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
	}

}
