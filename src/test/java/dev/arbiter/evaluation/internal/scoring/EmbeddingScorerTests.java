package dev.arbiter.evaluation.internal.scoring;

import org.junit.jupiter.api.Test;

import static dev.arbiter.evaluation.internal.scoring.Scoring.score;
import static dev.arbiter.evaluation.internal.scoring.Scoring.scorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Runs the real bundled all-MiniLM-L6-v2 model, offline. */
class EmbeddingScorerTests {

	private static final String REFERENCE = "The cat is sleeping on the sofa.";

	@Test
	void scoresIdenticalTextAtOne() {
		Score s = score(scorer("embedding"), REFERENCE, REFERENCE);

		assertThat(s.value()).isCloseTo(1.0, within(1e-4));
		assertThat(s.passed()).isTrue();
	}

	@Test
	void scoresAParaphraseAboveAnUnrelatedSentence() {
		Scorer scorer = scorer("embedding");

		Score paraphrase = score(scorer, "A kitten naps on the couch.", REFERENCE);
		Score unrelated = score(scorer, "Quarterly revenue grew by eight percent.", REFERENCE);

		assertThat(paraphrase.value()).isGreaterThan(unrelated.value() + 0.3);
		assertThat(unrelated.passed()).isFalse();
		assertThat(paraphrase.detail()).startsWith("cosine similarity");
	}

	@Test
	void takesTheClosestExpectedAnswer() {
		Score s = score(scorer("embedding"), REFERENCE, "Stock prices fell sharply.", REFERENCE);

		assertThat(s.value()).isCloseTo(1.0, within(1e-4));
	}

	@Test
	void passesAParaphraseAtALowerThreshold() {
		assertThat(score(scorer("embedding", "threshold", 0.5), "A kitten naps on the couch.", REFERENCE).passed())
			.isTrue();
	}

	@Test
	void failsWithoutAnExpectedAnswer() {
		assertThat(score(scorer("embedding"), REFERENCE).passed()).isFalse();
	}

	@Test
	void scoresABlankOutputWithoutFailing() {
		assertThat(score(scorer("embedding"), "  ", REFERENCE).passed()).isFalse();
	}

	@Test
	void acceptsANegativeThresholdButNotBelowMinusOne() {
		assertThat(score(scorer("embedding", "threshold", -1.0), "anything", REFERENCE).passed()).isTrue();
		assertThatThrownBy(() -> scorer("embedding", "threshold", -1.5)).isInstanceOf(InvalidScoringConfig.class)
			.hasMessageContaining("threshold");
	}

}
