package dev.arbiter.evaluation.internal.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter suites' scoring configs are ones the scorers accept, and every starter item's
 * reference answer, given as the output, passes its suite's scorers (the JSON scorer aside: the
 * reference is the value the JSON must contain, not the JSON itself).
 */
class StarterSuiteScoringTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	record Starter(String file, String name, String version, String domain, String description,
			List<Map<String, Object>> scoring) {
	}

	@Test
	void everyStarterAnswerPassesItsSuitesScorers() throws IOException {
		List<Starter> starters;
		try (var in = getClass().getClassLoader().getResourceAsStream("starter-suites/index.json")) {
			starters = JSON.readValue(in, new TypeReference<List<Starter>>() {
			});
		}
		assertThat(starters).hasSize(10);
		for (var starter : starters) {
			var scorers = Scorers.standard().createAll(starter.scoring().stream().filter(config -> !"json".equals(config.get("type"))).toList());
			var items = lines(starter.file());
			assertThat(items).as(starter.file()).hasSizeGreaterThanOrEqualTo(20);
			for (var item : items) {
				var expected = new ArrayList<String>();
				var given = item.path("expected");
				if (given.isArray()) {
					given.forEach(answer -> expected.add(answer.asString()));
				}
				else {
					expected.add(given.asString());
				}
				assertThat(expected).as(starter.file() + ": " + item.path("prompt").asString()).isNotEmpty();
				for (var scorer : scorers) {
					var score = scorer.score(new ScoringInput(item.path("prompt").asString(), expected.get(0), expected));
					assertThat(score.passed()).as(starter.file() + " / " + scorer.name() + " / " + expected + ": " + score.detail()).isTrue();
				}
			}
		}
	}

	private List<JsonNode> lines(String file) throws IOException {
		var items = new ArrayList<JsonNode>();
		try (var reader = new BufferedReader(new InputStreamReader(
				getClass().getClassLoader().getResourceAsStream("starter-suites/" + file), StandardCharsets.UTF_8))) {
			for (String line; (line = reader.readLine()) != null;) {
				items.add(JSON.readTree(line));
			}
		}
		return items;
	}
}
