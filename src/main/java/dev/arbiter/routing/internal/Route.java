package dev.arbiter.routing.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A stored routing policy: a strategy (with weights for {@code balanced}), an optional candidate
 * set of model names, constraints, fallback models tried after the ranked candidates, and an
 * exploration rate: the share of requests for which the quality strategy samples each
 * candidate's accuracy from Beta(correct + 1, wrong + 1) instead of using its point estimate
 * (Thompson sampling), so under-measured models get some traffic; and an optional verifier that
 * grades a sample of its answers.
 */
record Route(UUID id, String name, Strategy strategy, Map<String, Double> weights, List<String> candidates,
		Constraints constraints, List<String> fallbacks, Double exploration, String description, OffsetDateTime createdAt, OffsetDateTime updatedAt,
		Verifier verifier) {

	/** A route whose answers are not verified. */
	Route(UUID id, String name, Strategy strategy, Map<String, Double> weights, List<String> candidates, Constraints constraints,
			List<String> fallbacks, Double exploration, String description, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
		this(id, name, strategy, weights, candidates, constraints, fallbacks, exploration, description, createdAt, updatedAt, null);
	}

	/** Seed 000's Verifier: the judge model that grades a sampled share ({@code rate}, 0–1) of the route's answers. */
	record Verifier(String model, double rate) {

		boolean samples(double draw) {
			return draw < rate;
		}
	}

	/** Limits a candidate must meet, each optional: accuracy at least, p95 latency at most, estimated cost per request at most. */
	record Constraints(Double minAccuracy, Double maxP95Ms, Double maxCostPerRequest) {

		static final Constraints NONE = new Constraints(null, null, null);
	}

	/** What {@code model: "auto"} means: balanced over every model. */
	static Route auto() {
		return new Route(null, "auto", Strategy.BALANCED, Map.of(), List.of(), Constraints.NONE, List.of(), null, null, null, null);
	}
}
