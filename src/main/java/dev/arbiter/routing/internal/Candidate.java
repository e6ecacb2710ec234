package dev.arbiter.routing.internal;

import dev.arbiter.registry.ModelCatalog;

/**
 * One way to answer a request, with the parts of its score; {@code removedBy} names the filter
 * that took it out (route, context, capability, translation, constraint, cooldown, budget, circuit_open),
 * null when it stayed in.
 */
record Candidate(ModelCatalog.Upstream upstream, Double accuracy, Double p95Ms, Double estimatedCost, double quality,
		double speed, double cost, double score, String removedBy) {

	Candidate removed(String reason) {
		return new Candidate(upstream, accuracy, p95Ms, estimatedCost, quality, speed, cost, score, reason);
	}

	Candidate scored(double quality, double speed, double cost, double score) {
		return new Candidate(upstream, accuracy, p95Ms, estimatedCost, quality, speed, cost, score, removedBy);
	}

	java.util.Map<String, Object> describe() {
		var map = new java.util.LinkedHashMap<String, Object>();
		map.put("model", upstream.model());
		map.put("agent", upstream.agent());
		map.put("assignmentId", upstream.assignmentId());
		map.put("accuracy", accuracy);
		map.put("p95Ms", p95Ms);
		map.put("estimatedCost", estimatedCost);
		map.put("quality", round(quality));
		map.put("speed", round(speed));
		map.put("cost", round(cost));
		map.put("score", round(score));
		map.put("removedBy", removedBy);
		return map;
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}
}
