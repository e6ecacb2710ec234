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
 * (Thompson sampling), so under-measured models get some traffic.
 */
record Route(UUID id, String name, Strategy strategy, Map<String, Double> weights, List<String> candidates,
		Constraints constraints, List<String> fallbacks, Double exploration, String description, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

	/** Limits a candidate must meet, each optional: accuracy at least, p95 latency at most, estimated cost per request at most. */
	record Constraints(Double minAccuracy, Double maxP95Ms, Double maxCostPerRequest) {

		static final Constraints NONE = new Constraints(null, null, null);
	}

	/** What {@code model: "auto"} means: balanced over every model. */
	static Route auto() {
		return new Route(null, "auto", Strategy.BALANCED, Map.of(), List.of(), Constraints.NONE, List.of(), null, null, null, null);
	}
}
