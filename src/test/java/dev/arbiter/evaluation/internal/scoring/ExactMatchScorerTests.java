package dev.arbiter.evaluation.internal.scoring;

import org.junit.jupiter.api.Test;

import static dev.arbiter.evaluation.internal.scoring.Scoring.score;
import static dev.arbiter.evaluation.internal.scoring.Scoring.scorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExactMatchScorerTests {

	@Test
	void matchesIgnoringCaseWhitespaceAndTrailingPunctuation() {
		Score s = score(scorer("exact"), "  The   Eiffel\tTower.  ", "the eiffel tower");

		assertThat(s.value()).isEqualTo(1.0);
		assertThat(s.passed()).isTrue();
		assertThat(s.name()).isEqualTo("exact");
	}

	@Test
	void failsOnADifferentAnswer() {
		Score s = score(scorer("exact"), "Lyon", "Paris");

		assertThat(s.value()).isEqualTo(0.0);
		assertThat(s.passed()).isFalse();
		assertThat(s.detail()).contains("lyon");
	}

	@Test
	void matchesAnyOfSeveralExpectedAnswers() {
		assertThat(score(scorer("exact"), "NYC", "New York City", "nyc").passed()).isTrue();
	}

	@Test
	void keepsCaseWhenCaseSensitive() {
		Scorer caseSensitive = scorer("exact", "caseSensitive", true);

		assertThat(score(caseSensitive, "paris", "Paris").passed()).isFalse();
		assertThat(score(caseSensitive, "Paris", "Paris").passed()).isTrue();
	}

	@Test
	void keepsPunctuationWhenAsked() {
		assertThat(score(scorer("exact", "stripPunctuation", false), "Paris.", "Paris").passed()).isFalse();
	}

	@Test
	void doesNotStripPunctuationInsideTheAnswer() {
		assertThat(score(scorer("exact"), "U.S.A", "USA").passed()).isFalse();
	}

	@Test
	void failsWhenTheItemHasNoExpectedAnswer() {
		Score s = score(scorer("exact"), "anything");

		assertThat(s.passed()).isFalse();
		assertThat(s.detail()).isEqualTo("no expected answer");
	}

	@Test
	void passesAMissWhenTheThresholdIsZero() {
		Score s = score(scorer("exact", "threshold", 0.0), "Lyon", "Paris");

		assertThat(s.value()).isEqualTo(0.0);
		assertThat(s.passed()).isTrue();
	}

	@Test
	void carriesTheConfiguredName() {
		assertThat(score(scorer("exact", "name", "exact_strict"), "a", "a").name()).isEqualTo("exact_strict");
	}

	@Test
	void rejectsANonBooleanFlag() {
		assertThatThrownBy(() -> scorer("exact", "caseSensitive", "yes")).isInstanceOf(InvalidScoringConfig.class)
			.extracting(e -> ((InvalidScoringConfig) e).key())
			.isEqualTo("caseSensitive");
	}

	@Test
	void rejectsAThresholdAboveOne() {
		assertThatThrownBy(() -> scorer("exact", "threshold", 1.5)).isInstanceOf(InvalidScoringConfig.class)
			.hasMessageContaining("threshold");
	}

}
