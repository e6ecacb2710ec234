package dev.arbiter.evaluation.internal.scoring;

import org.junit.jupiter.api.Test;

import static dev.arbiter.evaluation.internal.scoring.Scoring.score;
import static dev.arbiter.evaluation.internal.scoring.Scoring.scorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LevenshteinScorerTests {

	@Test
	void scoresOneMinusDistanceOverTheLongerLength() {
		// kitten -> sitting: 3 edits over 7 characters
		Score s = score(scorer("levenshtein"), "kitten", "sitting");

		assertThat(s.value()).isCloseTo(1.0 - 3.0 / 7, within(1e-12));
		assertThat(s.passed()).isFalse();
		assertThat(s.detail()).startsWith("edit distance 3");
	}

	@Test
	void passesANearMissAboveTheDefaultThreshold() {
		Score s = score(scorer("levenshtein"), "Albert Einstien", "Albert Einstein");

		assertThat(s.value()).isCloseTo(1.0 - 2.0 / 15, within(1e-12));
		assertThat(s.passed()).isTrue();
	}

	@Test
	void normalisesCaseAndTrailingPunctuationFirst() {
		assertThat(score(scorer("levenshtein"), "PARIS.", "paris").value()).isEqualTo(1.0);
		assertThat(score(scorer("levenshtein", "normalize", false), "PARIS.", "paris").value()).isEqualTo(0.0);
	}

	@Test
	void takesTheClosestExpectedAnswer() {
		assertThat(score(scorer("levenshtein"), "colour", "hue", "color").value()).isCloseTo(1.0 - 1.0 / 6,
				within(1e-12));
	}

	@Test
	void treatsTwoEmptyStringsAsIdentical() {
		assertThat(score(scorer("levenshtein"), "", "").value()).isEqualTo(1.0);
	}

	@Test
	void appliesTheConfiguredThreshold() {
		assertThat(score(scorer("levenshtein", "threshold", 0.5), "kitten", "sitting").passed()).isTrue();
	}

	@Test
	void failsWithoutAnExpectedAnswer() {
		assertThat(score(scorer("levenshtein"), "kitten").passed()).isFalse();
	}

	@Test
	void rejectsANegativeThreshold() {
		assertThatThrownBy(() -> scorer("levenshtein", "threshold", -0.1)).isInstanceOf(InvalidScoringConfig.class)
			.extracting(e -> ((InvalidScoringConfig) e).key())
			.isEqualTo("threshold");
	}

}
