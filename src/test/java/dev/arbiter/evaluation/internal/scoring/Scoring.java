package dev.arbiter.evaluation.internal.scoring;

import java.util.LinkedHashMap;
import java.util.Map;

/** Test fixtures: scorers built the way production builds them, from a config map. */
final class Scoring {

	private Scoring() {
	}

	/** {@code scorer("numeric", "tolerance", 0.01)} builds {@code {"type":"numeric","tolerance":0.01}}. */
	static Scorer scorer(String type, Object... keysAndValues) {
		return Scorers.standard().create(config(type, keysAndValues));
	}

	static Map<String, Object> config(String type, Object... keysAndValues) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("type", type);
		for (int i = 0; i < keysAndValues.length; i += 2) {
			config.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return config;
	}

	static Score score(Scorer scorer, String output, String... expected) {
		return scorer.score(ScoringInput.of(output, expected));
	}

}
