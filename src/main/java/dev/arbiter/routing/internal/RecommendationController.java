package dev.arbiter.routing.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.arbiter.shared.InvalidInput;
import dev.arbiter.tenancy.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 004's SP_GET_ROUTING_RECOMMENDATION: every active assignment ranked for a domain under a
 * strategy, with the parts of each score, as the gateway would rank them for a small plain request.
 */
@RestController
class RecommendationController {

	private static final Ranker.Needs NEUTRAL = new Ranker.Needs(0, null, Set.of());

	private final Ranker ranker;

	private final OrgViews views;

	RecommendationController(Ranker ranker, OrgViews views) {
		this.ranker = ranker;
		this.views = views;
	}

	@GetMapping("/api/v1/routing/recommendation")
	Map<String, Object> recommend(Caller caller, @RequestParam(required = false) String domain,
			@RequestParam(defaultValue = "balanced") String strategy) {
		if (!strategy.matches("(?i)quality|speed|cost|balanced")) {
			throw new InvalidInput("strategy", "must be quality, speed, cost or balanced");
		}
		var slug = domain == null || domain.isBlank() ? null : domain.trim().toLowerCase();
		var policy = new Route(null, "recommendation", Strategy.fromWire(strategy), Map.of(), List.of(), Route.Constraints.NONE,
				List.of(), null, null, null, null);
		var view = views.of(caller.orgId());
		var ranked = ranker.rank(caller.orgId(), slug, policy, view.upstreams(), view.models(), NEUTRAL);
		var answer = new LinkedHashMap<String, Object>();
		answer.put("domain", slug);
		answer.put("strategy", policy.strategy().wire());
		answer.put("recommended", ranked.stream().filter(c -> c.removedBy() == null).findFirst().map(Candidate::describe).orElse(null));
		answer.put("candidates", ranked.stream().map(Candidate::describe).toList());
		return answer;
	}
}
