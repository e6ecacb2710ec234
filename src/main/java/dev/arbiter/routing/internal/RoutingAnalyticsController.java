package dev.arbiter.routing.internal;

import java.util.List;

import dev.arbiter.shared.InvalidInput;
import dev.arbiter.tenancy.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Seed 004's routing analytics views over the decision log and the assignments. */
@RestController
@RequestMapping("/api/v1/routing/analytics")
class RoutingAnalyticsController {

	private final RoutingAnalytics analytics;

	RoutingAnalyticsController(RoutingAnalytics analytics) {
		this.analytics = analytics;
	}

	@GetMapping("/agents")
	List<RoutingAnalytics.AgentSummary> agents(Caller caller) {
		return analytics.agentSummaries(caller.orgId());
	}

	@GetMapping("/models")
	List<RoutingAnalytics.ModelPerformance> models(Caller caller) {
		return analytics.modelPerformance(caller.orgId());
	}

	@GetMapping("/last-24h")
	List<RoutingAnalytics.DomainStrategyActivity> lastDay(Caller caller) {
		return analytics.lastDay(caller.orgId());
	}

	@GetMapping("/top-pairs")
	List<RoutingAnalytics.AgentModelPair> topPairs(Caller caller, @RequestParam(defaultValue = "10") int limit) {
		if (limit < 1 || limit > 1000) {
			throw new InvalidInput("limit", "must be 1 to 1000");
		}
		return analytics.topPairs(caller.orgId(), limit);
	}
}
