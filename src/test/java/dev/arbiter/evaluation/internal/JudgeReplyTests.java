package dev.arbiter.evaluation.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JudgeReplyTests {

	@Test
	void readsTheScoreOnTheJudgesScale() {
		assertThat(RunScoring.JudgeScorer.parse("Score: 8\nMostly right.", 10)).isEqualTo(0.8);
		assertThat(RunScoring.JudgeScorer.parse("score = 4/5 because it is close", 10)).isEqualTo(0.8);
		assertThat(RunScoring.JudgeScorer.parse("Reasoning first.\nSCORE: 10", 10)).isEqualTo(1.0);
	}

	@Test
	void aReplyWithoutAScoreInRangeIsNotAScore() {
		assertThat(RunScoring.JudgeScorer.parse("I would rather not say.", 10)).isNull();
		assertThat(RunScoring.JudgeScorer.parse("Score: 12", 10)).isNull();
		assertThat(RunScoring.JudgeScorer.parse(null, 10)).isNull();
	}
}
