package dev.arbiter.routing.internal;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingVerifierScoreTests {

	@Test
	void readsTheLastScoreInTheJudgesReply() {
		assertThat(Verifier.score("Score: 9")).isEqualTo(9.0);
		assertThat(Verifier.score("First I thought score: 3, but on reflection\nSCORE = 8")).isEqualTo(8.0);
		assertThat(Verifier.score("score:7.5")).isEqualTo(7.5);
	}

	@Test
	void clampsScoresToZeroToTenAndAnswersNullWithoutOne() {
		assertThat(Verifier.score("Score: 42")).isEqualTo(10.0);
		assertThat(Verifier.score("I cannot grade this")).isNull();
		assertThat(Verifier.score(null)).isNull();
	}

	@Test
	void aDecisionHasOneFeedbackEventIdAndOneVerifierEventIdThatDiffer() {
		var decision = UUID.randomUUID();
		assertThat(Feedback.eventId(decision)).isEqualTo(Feedback.eventId(decision));
		assertThat(Verifier.eventId(decision)).isEqualTo(Verifier.eventId(decision)).isNotEqualTo(Feedback.eventId(decision));
	}

	@Test
	void aRatingBecomesConfidenceFromZeroToOne() {
		assertThat(new Feedback(1, null, null, null).confidence()).isEqualTo(0.0);
		assertThat(new Feedback(5, null, null, null).confidence()).isEqualTo(1.0);
		assertThat(new Feedback(3, null, null, null).confidence()).isEqualTo(0.5);
		assertThat(new Feedback(null, true, null, null).measurable()).isFalse();
	}
}
