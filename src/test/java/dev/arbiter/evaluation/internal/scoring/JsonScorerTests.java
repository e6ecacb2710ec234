package dev.arbiter.evaluation.internal.scoring;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.arbiter.evaluation.internal.scoring.Scoring.score;
import static dev.arbiter.evaluation.internal.scoring.Scoring.scorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonScorerTests {

	private static final Map<String, Object> PERSON = Map.of("type", "object", "required", List.of("name", "age"),
			"properties", Map.of("name", Map.of("type", "string"), "age", Map.of("type", "integer", "minimum", 0)));

	@Test
	void acceptsValidJson() {
		Score s = score(scorer("json"), "{\"a\": [1, 2, {\"b\": null}]}");

		assertThat(s.value()).isEqualTo(1.0);
		assertThat(s.passed()).isTrue();
	}

	@Test
	void stripsAMarkdownFenceBeforeParsing() {
		assertThat(score(scorer("json"), "Sure! Here it is:\n```json\n{\"ok\": true}\n```\nAnything else?").passed())
			.isTrue();
	}

	@Test
	void rejectsInvalidJson() {
		Score s = score(scorer("json"), "{\"a\": 1,}");

		assertThat(s.value()).isEqualTo(0.0);
		assertThat(s.passed()).isFalse();
		assertThat(s.detail()).startsWith("not valid JSON");
	}

	@Test
	void rejectsTrailingTextAfterTheValue() {
		assertThat(score(scorer("json"), "{\"a\": 1} and more").passed()).isFalse();
	}

	@Test
	void rejectsAnEmptyOutput() {
		assertThat(score(scorer("json"), "   ").passed()).isFalse();
	}

	@Test
	void acceptsOutputMatchingTheSchema() {
		assertThat(score(scorer("json", "schema", PERSON), "{\"name\": \"Ada\", \"age\": 36}").passed()).isTrue();
	}

	@Test
	void reportsSchemaViolations() {
		Score s = score(scorer("json", "schema", PERSON), "{\"name\": \"Ada\", \"age\": -1}");

		assertThat(s.value()).isEqualTo(0.0);
		assertThat(s.detail()).contains("schema violation").contains("age");
	}

	@Test
	void readsASchemaGivenAsAString() {
		Scorer scorer = scorer("json", "schema", "{\"type\": \"array\", \"items\": {\"type\": \"number\"}}");

		assertThat(score(scorer, "[1, 2.5]").passed()).isTrue();
		assertThat(score(scorer, "[1, \"two\"]").passed()).isFalse();
	}

	@Test
	void validatesWithTheDialectTheSchemaNamesWithoutFetchingIt() {
		Scorer scorer = scorer("json", "schema", Map.of("$schema", "http://json-schema.org/draft-07/schema#", "type",
				"object", "additionalProperties", false, "properties", Map.of("ok", Map.of("type", "boolean"))));

		assertThat(score(scorer, "{\"ok\": true}").passed()).isTrue();
		assertThat(score(scorer, "{\"ok\": true, \"extra\": 1}").passed()).isFalse();
	}

	@Test
	void passesInvalidJsonWhenTheThresholdIsZero() {
		assertThat(score(scorer("json", "threshold", 0.0), "nope").passed()).isTrue();
	}

	@Test
	void rejectsASchemaThatIsNotJson() {
		assertThatThrownBy(() -> scorer("json", "schema", "{not json")).isInstanceOf(InvalidScoringConfig.class)
			.extracting(e -> ((InvalidScoringConfig) e).key())
			.isEqualTo("schema");
	}

	@Test
	void rejectsASchemaOfTheWrongKind() {
		assertThatThrownBy(() -> scorer("json", "schema", 42)).isInstanceOf(InvalidScoringConfig.class)
			.hasMessageContaining("schema");
	}

}
