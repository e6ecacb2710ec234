package dev.arbiter.evaluation.internal.scoring;

import org.junit.jupiter.api.Test;

import static dev.arbiter.evaluation.internal.scoring.Scoring.score;
import static dev.arbiter.evaluation.internal.scoring.Scoring.scorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class NumericScorerTests {

	private static double finalNumber(String text) {
		return FinalNumber.in(text, true).orElseThrow();
	}

	@Test
	void extractsFinalNumberAfterGsm8kMarker() {
		assertThat(finalNumber("She has 3 apples and buys 5 more, 3 + 5 = 8.\n#### 8\nThanks for 10 points"))
			.isEqualTo(8.0);
	}

	@Test
	void extractsTheNumberInsideTheLastBoxed() {
		assertThat(finalNumber("First \\boxed{1}, then corrected: \\boxed{42}. Done in 3 steps.")).isEqualTo(42.0);
	}

	@Test
	void extractsALatexFractionFromBoxed() {
		assertThat(finalNumber("So $x = \\boxed{\\frac{3}{4}}$")).isEqualTo(0.75);
	}

	@Test
	void extractsTheNumberAfterTheAnswerIsEvenWithThousandsSeparators() {
		assertThat(finalNumber("The answer is 1,234.5. I checked it 2 times.")).isEqualTo(1234.5);
	}

	@Test
	void extractsTheNumberAfterAnswerColonWithACurrencySign() {
		assertThat(finalNumber("Final answer: $2,000,000\nHope this helps in step 3")).isEqualTo(2_000_000.0);
	}

	@Test
	void extractsNegativeNumbers() {
		assertThat(finalNumber("The temperature dropped to -17 degrees")).isEqualTo(-17.0);
		assertThat(finalNumber("x = \u221212.5")).isEqualTo(-12.5);
	}

	@Test
	void doesNotReadARangeDashAsAMinusSign() {
		assertThat(finalNumber("pages 10-15")).isEqualTo(15.0);
	}

	@Test
	void extractsTheLastNumberWithoutAnyMarker() {
		assertThat(finalNumber("3 boxes with 4 each makes 12 in total.")).isEqualTo(12.0);
	}

	@Test
	void readsAFractionOnlyWhenFractionsAreOn() {
		assertThat(FinalNumber.in("about 3/4 of it", true)).hasValue(0.75);
		assertThat(FinalNumber.in("about 3/4 of it", false)).hasValue(4.0);
	}

	@Test
	void findsNoNumberInWords() {
		assertThat(FinalNumber.in("no digits here", true)).isEmpty();
	}

	@Test
	void comparesWithAGsm8kAnswerText() {
		Score s = score(scorer("numeric"), "Natalia sold 48 + 24 = 72 clips. The answer is 72.",
				"Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips.\n#### 72");

		assertThat(s.value()).isEqualTo(1.0);
		assertThat(s.passed()).isTrue();
		assertThat(s.detail()).contains("72");
	}

	@Test
	void failsOnTheWrongNumber() {
		Score s = score(scorer("numeric"), "The answer is 71", "72");

		assertThat(s.value()).isEqualTo(0.0);
		assertThat(s.passed()).isFalse();
		assertThat(s.detail()).isEqualTo("output 71 but expected 72");
	}

	@Test
	void acceptsANumberWithinTheAbsoluteTolerance() {
		assertThat(score(scorer("numeric", "tolerance", 0.01), "3.141", "3.14159").passed()).isTrue();
		assertThat(score(scorer("numeric", "tolerance", 0.0001), "3.141", "3.14159").passed()).isFalse();
	}

	@Test
	void acceptsANumberWithinTheRelativeTolerance() {
		Scorer scorer = scorer("numeric", "relativeTolerance", 0.01);

		assertThat(score(scorer, "1005", "1000").passed()).isTrue();
		assertThat(score(scorer, "1011", "1000").passed()).isFalse();
	}

	@Test
	void treatsEqualDecimalsAsEqual() {
		assertThat(score(scorer("numeric"), "0.30", "0.3").passed()).isTrue();
		assertThat(score(scorer("numeric"), "3/4", "0.75").passed()).isTrue();
	}

	@Test
	void failsWhenTheOutputHasNoNumber() {
		Score s = score(scorer("numeric"), "I don't know", "7");

		assertThat(s.passed()).isFalse();
		assertThat(s.detail()).isEqualTo("no number in the output");
	}

	@Test
	void failsWhenTheExpectedAnswerHasNoNumber() {
		assertThat(score(scorer("numeric"), "7", "seven").detail()).isEqualTo("no number in the expected answer");
	}

	@Test
	void passesAMissWhenTheThresholdIsZero() {
		Score s = score(scorer("numeric", "threshold", 0.0), "1", "2");

		assertThat(s.value()).isCloseTo(0.0, within(0.0));
		assertThat(s.passed()).isTrue();
	}

	@Test
	void rejectsANegativeTolerance() {
		assertThatThrownBy(() -> scorer("numeric", "tolerance", -0.1)).isInstanceOf(InvalidScoringConfig.class)
			.extracting(e -> ((InvalidScoringConfig) e).key())
			.isEqualTo("tolerance");
	}

	@Test
	void rejectsAToleranceGivenAsText() {
		assertThatThrownBy(() -> scorer("numeric", "tolerance", "0.1")).isInstanceOf(InvalidScoringConfig.class)
			.hasMessageContaining("must be a number");
	}

}
