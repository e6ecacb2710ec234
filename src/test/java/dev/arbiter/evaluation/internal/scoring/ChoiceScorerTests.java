package dev.arbiter.evaluation.internal.scoring;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.arbiter.evaluation.internal.scoring.Scoring.score;
import static dev.arbiter.evaluation.internal.scoring.Scoring.scorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChoiceScorerTests {

	private final ChoiceScorer abcd = (ChoiceScorer) scorer("choice");

	@ParameterizedTest(name = "[{index}] {0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			The answer is (B)                                  | B
			B. Because water boils at 100 degrees              | B
			The correct option is **C**                        | C
			Answer: d                                          | D
			After weighing the options, the answer is A.       | A
			I think **(A)** fits best                          | A
			c                                                  | C
			(D)                                                | D
			Let me think.\\nC) is right since it covers all    | C
			Options (A) and (B) are wrong, so it must be (C)   | C
			$\\boxed{B}$                                       | B
			Final answer: option B                             | B
			""")
	void extractsTheChosenLetter(String output, char expected) {
		assertThat(abcd.pick(output.replace("\\n", "\n"))).contains(expected);
	}

	@Test
	void doesNotTakeTheArticleAForAChoice() {
		assertThat(abcd.pick("A dog is a mammal, so the answer is clear")).isEmpty();
		assertThat(abcd.pick("the answer is a bit unclear")).isEmpty();
	}

	@Test
	void ignoresLettersBeyondTheNumberOfChoices() {
		assertThat(abcd.pick("The answer is (F)")).isEmpty();
		assertThat(((ChoiceScorer) scorer("choice", "choices", 10)).pick("The answer is (F)")).contains('F');
	}

	@Test
	void passesWhenTheLetterMatchesTheExpectedOne() {
		Score s = score(scorer("choice"), "The answer is (B)", "B");

		assertThat(s.value()).isEqualTo(1.0);
		assertThat(s.passed()).isTrue();
	}

	@Test
	void readsTheExpectedLetterFromAnOptionText() {
		assertThat(score(scorer("choice"), "Answer: b", "(B) Paris").passed()).isTrue();
	}

	@Test
	void failsWhenTheLetterDiffers() {
		Score s = score(scorer("choice"), "The answer is (C)", "B");

		assertThat(s.value()).isEqualTo(0.0);
		assertThat(s.detail()).isEqualTo("picked C but expected B");
	}

	@Test
	void failsWhenNoLetterIsPicked() {
		assertThat(score(scorer("choice"), "I am not sure.", "B").detail()).contains("no choice");
	}

	@Test
	void passesAMissWhenTheThresholdIsZero() {
		assertThat(score(scorer("choice", "threshold", 0.0), "The answer is (C)", "B").passed()).isTrue();
	}

	@Test
	void rejectsMoreThanTwentySixChoices() {
		assertThatThrownBy(() -> scorer("choice", "choices", 27)).isInstanceOf(InvalidScoringConfig.class)
			.extracting(e -> ((InvalidScoringConfig) e).key())
			.isEqualTo("choices");
	}

	@Test
	void rejectsAFractionalNumberOfChoices() {
		assertThatThrownBy(() -> scorer("choice", "choices", 4.5)).isInstanceOf(InvalidScoringConfig.class)
			.hasMessageContaining("whole number");
	}

}
