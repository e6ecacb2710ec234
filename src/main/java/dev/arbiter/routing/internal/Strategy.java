package dev.arbiter.routing.internal;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How candidates are ranked (seed 004): by quality (accuracy in the domain), speed (p95
 * latency), cost (tokens per query × the current price) or a weighted balance of the three.
 * Each component is normalised to 0–1 among the candidates of one request, higher is better.
 */
enum Strategy {

	QUALITY, SPEED, COST, BALANCED;

	static final Map<String, Double> DEFAULT_WEIGHTS = Map.of("quality", 0.5, "speed", 0.25, "cost", 0.25);

	@JsonValue
	String wire() {
		return name().toLowerCase();
	}

	static Strategy fromWire(String value) {
		return valueOf(value.trim().toUpperCase());
	}

	double score(double quality, double speed, double cost, Map<String, Double> weights) {
		return switch (this) {
			case QUALITY -> quality;
			case SPEED -> speed;
			case COST -> cost;
			case BALANCED -> {
				var w = weights == null || weights.isEmpty() ? DEFAULT_WEIGHTS : weights;
				double total = w.getOrDefault("quality", 0.0) + w.getOrDefault("speed", 0.0) + w.getOrDefault("cost", 0.0);
				yield total == 0 ? 0 : (w.getOrDefault("quality", 0.0) * quality + w.getOrDefault("speed", 0.0) * speed
						+ w.getOrDefault("cost", 0.0) * cost) / total;
			}
		};
	}
}
