package dev.arbiter.registry.internal;

import java.util.Map;

import dev.arbiter.shared.InvalidInput;

/** Checks the generation parameters that Arbiter understands; others pass through to the upstream untouched. */
final class GenerationParams {

	private GenerationParams() {
	}

	static void validate(Map<String, Object> params) {
		range(params, "temperature", 0, 2);
		range(params, "top_p", 0, 1);
		range(params, "topP", 0, 1);
		range(params, "max_tokens", 1, Integer.MAX_VALUE);
		range(params, "maxTokens", 1, Integer.MAX_VALUE);
		range(params, "presence_penalty", -2, 2);
		range(params, "frequency_penalty", -2, 2);
	}

	private static void range(Map<String, Object> params, String key, double min, double max) {
		var value = params.get(key);
		if (value == null) {
			return;
		}
		if (!(value instanceof Number number)) {
			throw new InvalidInput("params." + key, "must be a number");
		}
		if (number.doubleValue() < min || number.doubleValue() > max) {
			throw new InvalidInput("params." + key, "must be between " + min + " and " + max);
		}
	}
}
