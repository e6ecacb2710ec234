package dev.arbiter.evaluation.internal.scoring;

import org.junit.jupiter.api.Test;

import static dev.arbiter.evaluation.internal.scoring.Scoring.score;
import static dev.arbiter.evaluation.internal.scoring.Scoring.scorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainsScorerTests {

	@Test
	void findsTheExpectedAnswerInsideALongerOutput() {
		Score s = score(scorer("contains"), "I believe the capital of France is PARIS, of course.", "Paris");

		assertThat(s.value()).isEqualTo(1.0);
		assertThat(s.passed()).isTrue();
	}

	@Test
	void failsWhenTheAnswerIsAbsent() {
		Score s = score(scorer("contains"), "The capital is Lyon.", "Paris");

		assertThat(s.value()).isEqualTo(0.0);
		assertThat(s.passed()).isFalse();
	}

	@Test
	void findsAPartOfANumberUnlessWholeWordsAreRequired() {
		assertThat(score(scorer("contains"), "The answer is 42", "4").passed()).isTrue();
		assertThat(score(scorer("contains", "wholeWord", true), "The answer is 42", "4").passed()).isFalse();
		assertThat(score(scorer("contains", "wholeWord", true), "The answer is 4.", "4").passed()).isTrue();
	}

	@Test
	void ignoresAnEmptyExpectedAnswer() {
		assertThat(score(scorer("contains"), "anything", "  ").passed()).isFalse();
	}

	@Test
	void passesAMissWhenTheThresholdIsZero() {
		assertThat(score(scorer("contains", "threshold", 0), "Lyon", "Paris").passed()).isTrue();
	}

	@Test
	void rejectsAnUnknownKey() {
		assertThatThrownBy(() -> scorer("contains", "wholeWords", true)).isInstanceOf(InvalidScoringConfig.class)
			.hasMessageContaining("wholeWords");
	}

}
