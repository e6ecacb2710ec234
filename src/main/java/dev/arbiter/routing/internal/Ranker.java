package dev.arbiter.routing.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.math3.distribution.BetaDistribution;

import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.routing.GatewaySettings;
import dev.arbiter.shared.Time;

import org.springframework.stereotype.Component;

/**
 * Turns the upstreams that could answer into a ranked list: filters (route candidates, context
 * window, capabilities, constraints), then the strategy's score from the metrics snapshot. Quality
 * is the model's accuracy in the domain shrunk toward its overall accuracy by
 * {@code shrinkage} calls; speed and cost are normalised to the best candidate. On a route with an
 * exploration rate, that share of requests draws each candidate's quality from
 * Beta(correct + 1, wrong + 1) instead (Thompson sampling), so models with few measurements still
 * get some traffic.
 */
@Component
class Ranker {

	static final double PRIOR_ACCURACY = 0.5;

	static final double DEFAULT_TOKENS_PER_QUERY = 500;

	/** The price of a model in force at a time. */
	@FunctionalInterface
	interface Prices {

		java.util.Optional<ModelCatalog.Price> at(UUID orgId, String model, java.time.OffsetDateTime time);
	}

	private final java.util.function.Function<UUID, MetricsSnapshot.Snapshot> snapshots;

	private final Prices prices;

	private final int shrinkage;

	@org.springframework.beans.factory.annotation.Autowired
	Ranker(MetricsSnapshot snapshot, ModelCatalog catalog, GatewaySettings settings) {
		this(snapshot::of, catalog::priceAt, settings.shrinkage());
	}

	/** A ranker over given snapshots and prices (the micro-benchmark builds one without a database). */
	Ranker(java.util.function.Function<UUID, MetricsSnapshot.Snapshot> snapshots, Prices prices, int shrinkage) {
		this.snapshots = snapshots;
		this.prices = prices;
		this.shrinkage = shrinkage;
	}

	/** What the request needs of a model. */
	record Needs(int promptTokens, Integer maxTokens, Set<String> capabilities, boolean stream) {
	}

	List<Candidate> rank(UUID orgId, String domain, Route route, List<ModelCatalog.Upstream> upstreams,
			java.util.Map<String, ModelCatalog.ModelInfo> models, Needs needs) {
		var metrics = snapshots.apply(orgId);
		var now = Time.now();
		boolean explore = route.exploration() != null && ThreadLocalRandom.current().nextDouble() < route.exploration();
		var candidates = new ArrayList<Candidate>();
		for (var upstream : upstreams) {
			var model = models.get(upstream.model());
			var inDomain = metrics.get(upstream.model(), domain);
			var overall = metrics.overall().get(upstream.model());
			Double overallAccuracy = overall == null ? null : overall.accuracy();
			double prior = overallAccuracy == null ? PRIOR_ACCURACY : overallAccuracy;
			long n = inDomain == null ? 0 : inDomain.benchmarkCalls();
			double accuracy = n == 0 ? prior : (n * inDomain.accuracy() + shrinkage * prior) / (n + shrinkage);
			Double p95 = inDomain != null && inDomain.latencyP95Ms() != null ? inDomain.latencyP95Ms() : overall == null ? null : overall.p95();
			double tokens = inDomain != null && inDomain.tokensPerQuery() != null ? inDomain.tokensPerQuery()
					: overall != null && overall.tokensPerQuery() != null ? overall.tokensPerQuery() : DEFAULT_TOKENS_PER_QUERY;
			var price = prices.at(orgId, upstream.model(), now);
			Double cost = price.map(p -> p.cost(Math.round(tokens / 2), Math.round(tokens / 2)).doubleValue()).orElse(null);
			double quality = accuracy;
			if (explore) {
				long calls = n > 0 ? n : overall == null ? 0 : overall.benchmarkCalls();
				long correct = n > 0 ? Math.round(inDomain.accuracy() * n) : overall == null ? 0 : overall.correct();
				quality = sample(correct, calls - correct);
			}
			var candidate = new Candidate(upstream, n == 0 && overallAccuracy == null ? null : accuracy, p95, cost, quality, 0, 0, 0, null);
			candidates.add(filter(candidate, route, model, needs));
		}
		score(candidates, route);
		candidates.sort(Comparator.comparing((Candidate c) -> c.removedBy() != null)
			.thenComparing(Comparator.comparingDouble(Candidate::score).reversed())
			.thenComparing(c -> -c.upstream().matchScore()));
		return candidates;
	}

	/** A draw from Beta(correct + 1, wrong + 1): the posterior of an accuracy after a uniform prior. */
	static double sample(long correct, long wrong) {
		return new BetaDistribution(null, correct + 1.0, Math.max(0, wrong) + 1.0)
			.inverseCumulativeProbability(ThreadLocalRandom.current().nextDouble());
	}

	private static Candidate filter(Candidate candidate, Route route, ModelCatalog.ModelInfo model, Needs needs) {
		if (!route.candidates().isEmpty() && !route.candidates().contains(candidate.upstream().model())
				&& !route.fallbacks().contains(candidate.upstream().model())) {
			return candidate.removed("route");
		}
		if (model != null && model.contextWindow() != null
				&& needs.promptTokens() + (needs.maxTokens() == null ? 0 : needs.maxTokens()) > model.contextWindow()) {
			return candidate.removed("context");
		}
		if (model != null) {
			for (var capability : needs.capabilities()) {
				if (!model.capabilities().contains(capability)) {
					return candidate.removed("capability:" + capability);
				}
			}
		}
		if (needs.stream() && !"openai".equals(candidate.upstream().apiType())) {
			return candidate.removed("streaming");
		}
		var limits = route.constraints();
		if (limits.minAccuracy() != null && (candidate.accuracy() == null || candidate.accuracy() < limits.minAccuracy())) {
			return candidate.removed("constraint:minAccuracy");
		}
		if (limits.maxP95Ms() != null && candidate.p95Ms() != null && candidate.p95Ms() > limits.maxP95Ms()) {
			return candidate.removed("constraint:maxP95Ms");
		}
		if (limits.maxCostPerRequest() != null && candidate.estimatedCost() != null
				&& candidate.estimatedCost() > limits.maxCostPerRequest()) {
			return candidate.removed("constraint:maxCostPerRequest");
		}
		return candidate;
	}

	private static void score(List<Candidate> candidates, Route route) {
		double bestP95 = candidates.stream().filter(c -> c.removedBy() == null && c.p95Ms() != null).mapToDouble(Candidate::p95Ms)
			.min().orElse(0);
		double bestCost = candidates.stream().filter(c -> c.removedBy() == null && c.estimatedCost() != null)
			.mapToDouble(Candidate::estimatedCost).min().orElse(0);
		for (int i = 0; i < candidates.size(); i++) {
			var c = candidates.get(i);
			double speed = c.p95Ms() == null || c.p95Ms() <= 0 ? 0.5 : bestP95 / c.p95Ms();
			double cost = c.estimatedCost() == null ? 0.5 : c.estimatedCost() <= 0 ? 1 : bestCost / c.estimatedCost();
			double primary = route.strategy().score(c.quality(), speed, cost, route.weights());
			boolean fallbackOnly = !route.fallbacks().isEmpty() && route.fallbacks().contains(c.upstream().model())
					&& !route.candidates().contains(c.upstream().model());
			candidates.set(i, c.scored(c.quality(), speed, cost, fallbackOnly ? primary - 10 : primary));
		}
	}
}
