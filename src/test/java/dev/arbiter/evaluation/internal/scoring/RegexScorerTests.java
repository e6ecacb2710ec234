package dev.arbiter.evaluation.internal.scoring;

import org.junit.jupiter.api.Test;

import static dev.arbiter.evaluation.internal.scoring.Scoring.score;
import static dev.arbiter.evaluation.internal.scoring.Scoring.scorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegexScorerTests {

	@Test
	void matchesTheConfiguredPatternAnywhere() {
		Scorer scorer = scorer("regex", "pattern", "\\bdef\\s+\\w+\\(");

		assertThat(score(scorer, "Here you go:\ndef add(a, b):\n    return a + b").passed()).isTrue();
		assertThat(score(scorer, "add = lambda a, b: a + b").passed()).isFalse();
	}

	@Test
	void usesTheExpectedAnswersAsPatternsWithoutAConfiguredOne() {
		Scorer scorer = scorer("regex");

		assertThat(score(scorer, "color", "colou?r").value()).isEqualTo(1.0);
		assertThat(score(scorer, "colr", "colou?r").value()).isEqualTo(0.0);
	}

	@Test
	void requiresTheWholeOutputWithFullMatch() {
		Scorer scorer = scorer("regex", "pattern", "\\d+", "fullMatch", true);

		assertThat(score(scorer, "123").passed()).isTrue();
		assertThat(score(scorer, "abc 123").passed()).isFalse();
	}

	@Test
	void ignoresCaseWhenAsked() {
		assertThat(score(scorer("regex", "pattern", "yes"), "YES").passed()).isFalse();
		assertThat(score(scorer("regex", "pattern", "yes", "ignoreCase", true), "YES").passed()).isTrue();
	}

	@Test
	void failsWhenAnExpectedAnswerIsNotAPattern() {
		Score s = score(scorer("regex"), "anything", "(unclosed");

		assertThat(s.passed()).isFalse();
		assertThat(s.detail()).contains("not a valid pattern");
	}

	@Test
	void failsWithNeitherPatternNorExpectedAnswer() {
		assertThat(score(scorer("regex"), "anything").passed()).isFalse();
	}

	@Test
	void passesAMissWhenTheThresholdIsZero() {
		assertThat(score(scorer("regex", "pattern", "x", "threshold", 0.0), "y").passed()).isTrue();
	}

	@Test
	void rejectsAnInvalidPattern() {
		assertThatThrownBy(() -> scorer("regex", "pattern", "[a-")).isInstanceOf(InvalidScoringConfig.class)
			.extracting(e -> ((InvalidScoringConfig) e).key())
			.isEqualTo("pattern");
	}

	@Test
	void rejectsAPatternThatIsNotAString() {
		assertThatThrownBy(() -> scorer("regex", "pattern", 42)).isInstanceOf(InvalidScoringConfig.class)
			.hasMessageContaining("pattern");
	}

}
