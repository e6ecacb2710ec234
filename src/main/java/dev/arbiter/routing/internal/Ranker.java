package dev.arbiter.routing.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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

	/** Per organization, each model's price in force as USD per input and output token; rebuilt every second. */
	private final Map<UUID, PriceTable> priceTables = new ConcurrentHashMap<>();

	private record PriceTable(long builtNanos, Map<String, double[]> perToken) {
	}

	private static final double[] NO_PRICE = new double[0];

	private static final long PRICE_TABLE_TTL_NANOS = 1_000_000_000L;

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
	record Needs(int promptTokens, Integer maxTokens, Set<String> capabilities) {
	}

	List<Candidate> rank(UUID orgId, String domain, Route route, List<ModelCatalog.Upstream> upstreams,
			Map<String, ModelCatalog.ModelInfo> models, Needs needs) {
		var metrics = snapshots.apply(orgId);
		var domainMetrics = metrics.inDomain(domain);
		var priceTable = priceTable(orgId);
		boolean explore = route.exploration() != null && ThreadLocalRandom.current().nextDouble() < route.exploration();
		var candidates = new ArrayList<Candidate>(upstreams.size());
		for (var upstream : upstreams) {
			var model = models.get(upstream.model());
			var inDomain = domainMetrics.get(upstream.model());
			var overall = metrics.overall().get(upstream.model());
			Double overallAccuracy = overall == null ? null : overall.accuracy();
			double prior = overallAccuracy == null ? PRIOR_ACCURACY : overallAccuracy;
			long n = inDomain == null ? 0 : inDomain.benchmarkCalls();
			double accuracy = n == 0 ? prior : (n * inDomain.accuracy() + shrinkage * prior) / (n + shrinkage);
			Double p95 = inDomain != null && inDomain.latencyP95Ms() != null ? inDomain.latencyP95Ms() : overall == null ? null : overall.p95();
			double tokens = inDomain != null && inDomain.tokensPerQuery() != null ? inDomain.tokensPerQuery()
					: overall != null && overall.tokensPerQuery() != null ? overall.tokensPerQuery() : DEFAULT_TOKENS_PER_QUERY;
			var perToken = priceTable.computeIfAbsent(upstream.model(), m -> perToken(orgId, m));
			Double cost = perToken == NO_PRICE ? null : (perToken[0] + perToken[1]) * tokens / 2;
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
		candidates.sort(RANKING);
		return candidates;
	}

	/** Candidates still in first, then by score, then by the assignment's match score. */
	private static final Comparator<Candidate> RANKING = (a, b) -> {
		if ((a.removedBy() == null) != (b.removedBy() == null)) {
			return a.removedBy() == null ? -1 : 1;
		}
		int byScore = Double.compare(b.score(), a.score());
		return byScore != 0 ? byScore : Double.compare(b.upstream().matchScore(), a.upstream().matchScore());
	};

	/** The organization's price table, rebuilt when older than a second (prices take effect within it). */
	private Map<String, double[]> priceTable(UUID orgId) {
		long now = System.nanoTime();
		var table = priceTables.get(orgId);
		if (table == null || now - table.builtNanos() > PRICE_TABLE_TTL_NANOS) {
			table = new PriceTable(now, new ConcurrentHashMap<>());
			priceTables.put(orgId, table);
		}
		return table.perToken();
	}

	private double[] perToken(UUID orgId, String model) {
		return prices.at(orgId, model, Time.now())
			.map(price -> new double[] { price.inputPerMillion().doubleValue() / 1e6, price.outputPerMillion().doubleValue() / 1e6 })
			.orElse(NO_PRICE);
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
		if ("anthropic".equals(candidate.upstream().apiType())) {
			// requests are translated to the Messages API, but not their tools or JSON mode
			for (var capability : needs.capabilities()) {
				if (capability.equals("tools") || capability.equals("json")) {
					return candidate.removed("translation:" + capability);
				}
			}
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
		double bestP95 = Double.POSITIVE_INFINITY;
		double bestCost = Double.POSITIVE_INFINITY;
		for (var c : candidates) {
			if (c.removedBy() == null && c.p95Ms() != null) {
				bestP95 = Math.min(bestP95, c.p95Ms());
			}
			if (c.removedBy() == null && c.estimatedCost() != null) {
				bestCost = Math.min(bestCost, c.estimatedCost());
			}
		}
		bestP95 = bestP95 == Double.POSITIVE_INFINITY ? 0 : bestP95;
		bestCost = bestCost == Double.POSITIVE_INFINITY ? 0 : bestCost;
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
