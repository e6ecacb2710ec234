package dev.arbiter.evaluation.internal.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.arbiter.evaluation.internal.scoring.Scoring.config;
import static dev.arbiter.evaluation.internal.scoring.Scoring.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScorersTests {

	private final Scorers scorers = Scorers.standard();

	private static InvalidScoringConfig invalid(Runnable r) {
		try {
			r.run();
		}
		catch (InvalidScoringConfig ex) {
			return ex;
		}
		throw new AssertionError("expected InvalidScoringConfig");
	}

	@Test
	void knowsTheStandardTypes() {
		assertThat(scorers.types()).containsExactly("exact", "contains", "regex", "numeric", "choice", "json", "bleu",
				"rouge", "levenshtein", "embedding");
	}

	@Test
	void buildsAScorerFromJson() {
		Scorer scorer = scorers.fromJson("{\"type\":\"numeric\",\"tolerance\":0.01,\"threshold\":1.0}");

		assertThat(score(scorer, "#### 3.141", "3.14").passed()).isTrue();
		assertThat(scorer.name()).isEqualTo("numeric");
	}

	@Test
	void buildsSeveralNamedScorersFromAJsonArray() {
		List<Scorer> list = scorers.allFromJson("""
				[{"type":"rouge","name":"rougeL","variant":"rougeL","stemming":true},
				 {"type":"rouge","name":"rouge2","variant":"rouge2"}]
				""");

		assertThat(list).extracting(Scorer::name).containsExactly("rougeL", "rouge2");
	}

	@Test
	void acceptsIntegersWhereNumbersAreExpected() {
		assertThat(score(scorers.create(config("numeric", "tolerance", 1, "threshold", 1)), "41", "42").passed())
			.isTrue();
	}

	@Test
	void toleratesAnExplicitNullSetting() {
		Map<String, Object> withNull = new HashMap<>(config("json"));
		withNull.put("schema", null);

		assertThat(score(scorers.create(withNull), "{}").passed()).isTrue();
	}

	@Test
	void rejectsAnUnknownType() {
		InvalidScoringConfig ex = invalid(() -> scorers.create(config("bertscore")));

		assertThat(ex.key()).isEqualTo("type");
		assertThat(ex.getMessage()).contains("unknown scorer type 'bertscore'").contains("numeric");
	}

	@Test
	void rejectsAConfigWithoutType() {
		assertThat(invalid(() -> scorers.create(Map.of("threshold", 0.5))).key()).isEqualTo("type");
	}

	@Test
	void rejectsAKeyTheTypeDoesNotKnow() {
		InvalidScoringConfig ex = invalid(() -> scorers.fromJson("{\"type\":\"numeric\",\"tolerence\":0.01}"));

		assertThat(ex.key()).isEqualTo("tolerence");
		assertThat(ex.getMessage()).contains("not a setting of scorer type 'numeric'");
	}

	@Test
	void rejectsAKeyOfAnotherType() {
		assertThat(invalid(() -> scorers.create(config("exact", "pattern", "x"))).key()).isEqualTo("pattern");
	}

	@Test
	void rejectsABlankName() {
		assertThat(invalid(() -> scorers.create(config("exact", "name", " "))).key()).isEqualTo("name");
	}

	@Test
	void rejectsTwoScorersWithTheSameName() {
		assertThat(invalid(() -> scorers.createAll(List.of(config("exact"), config("exact")))).key())
			.isEqualTo("name");
	}

	@Test
	void rejectsJsonThatIsNotAnObject() {
		assertThatThrownBy(() -> scorers.fromJson("[1, 2]")).isInstanceOf(InvalidScoringConfig.class)
			.hasMessageContaining("not valid JSON");
		assertThatThrownBy(() -> scorers.fromJson("{\"type\":")).isInstanceOf(InvalidScoringConfig.class);
	}

	@Test
	void acceptsAnAddedTypeSuchAsAJudge() {
		Scorers extended = scorers.with("judge", config -> {
			String rubric = config.string("rubric", "Is the answer correct?");
			double threshold = config.threshold(0.5);
			return new Scorer() {
				@Override
				public String name() {
					return config.name();
				}

				@Override
				public Score score(ScoringInput input) {
					double value = input.prompt().isEmpty() ? 0.0 : 1.0;
					return new Score(name(), value, value >= threshold, rubric);
				}
			};
		});

		Scorer judge = extended.create(config("judge", "rubric", "Be strict."));

		assertThat(extended.types()).contains("judge", "exact");
		assertThat(scorers.types()).doesNotContain("judge");
		assertThat(judge.score(new ScoringInput("What is 2+2?", "4", List.of("4"))).passed()).isTrue();
		assertThat(invalid(() -> extended.create(config("judge", "rubrik", "x"))).key()).isEqualTo("rubrik");
	}

	@Test
	void scoringInputDropsNullExpectedAnswers() {
		List<String> withNull = new java.util.ArrayList<>();
		withNull.add(null);
		withNull.add("a");

		assertThat(new ScoringInput(null, null, withNull)).isEqualTo(new ScoringInput("", "", List.of("a")));
	}

}
