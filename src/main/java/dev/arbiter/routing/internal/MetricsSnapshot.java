package dev.arbiter.routing.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.arbiter.metrics.MetricsReader;
import dev.arbiter.metrics.ModelDomainMetrics;
import dev.arbiter.metrics.Window;
import dev.arbiter.routing.GatewaySettings;

import org.springframework.stereotype.Component;

/**
 * What the router knows of each model, held in memory: the latest 7-day metrics per model ×
 * domain and per model overall, refreshed in the background. The hot path reads it and never the
 * database; an organization's first request loads it once.
 */
@Component
class MetricsSnapshot {

	private static final Logger log = LoggerFactory.getLogger(MetricsSnapshot.class);

	private final MetricsReader metrics;

	private final Map<UUID, Snapshot> byOrg = new ConcurrentHashMap<>();

	private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
		var thread = new Thread(runnable, "routing-snapshot");
		thread.setDaemon(true);
		return thread;
	});

	MetricsSnapshot(MetricsReader metrics, GatewaySettings settings) {
		this.metrics = metrics;
		long every = settings.snapshotRefresh().toMillis();
		refresher.scheduleWithFixedDelay(this::refreshAll, every, every, TimeUnit.MILLISECONDS);
	}

	@PreDestroy
	void stop() {
		refresher.shutdownNow();
	}

	Snapshot of(UUID orgId) {
		return byOrg.computeIfAbsent(orgId, this::load);
	}

	/** Reloads one organization now (after feedback, or in tests). */
	void refresh(UUID orgId) {
		byOrg.put(orgId, load(orgId));
	}

	private void refreshAll() {
		for (var orgId : byOrg.keySet()) {
			try {
				byOrg.put(orgId, load(orgId));
			}
			catch (RuntimeException e) {
				log.warn("Refreshing the routing snapshot failed; the previous one stays in use: {}", e.toString());
			}
		}
	}

	private Snapshot load(UUID orgId) {
		var byDomain = new HashMap<String, Map<String, ModelDomainMetrics>>();
		var overall = new HashMap<String, Overall>();
		for (var row : metrics.latest(orgId, Window.D7, null, null)) {
			byDomain.computeIfAbsent(row.domain() == null ? "" : row.domain(), d -> new HashMap<>()).put(row.model(), row);
			overall.merge(row.model(), Overall.of(row), Overall::plus);
		}
		return new Snapshot(byDomain, overall);
	}

	/** One organization's metrics at one moment: per domain, per model; and per model overall. */
	record Snapshot(Map<String, Map<String, ModelDomainMetrics>> byDomain, Map<String, Overall> overall) {

		/** Each model's metrics in one domain (empty when nothing was measured there). */
		Map<String, ModelDomainMetrics> inDomain(String domain) {
			return byDomain.getOrDefault(domain == null ? "" : domain, Map.of());
		}

		ModelDomainMetrics get(String model, String domain) {
			return inDomain(domain).get(model);
		}
	}

	/** A model across domains: correct and benchmark calls, requests, request-weighted p95 and tokens, cost. */
	record Overall(long correct, long benchmarkCalls, long requests, double p95Weighted, double tokensWeighted, double costWeighted) {

		static Overall of(ModelDomainMetrics row) {
			long correct = row.accuracy() == null ? 0 : Math.round(row.accuracy() * row.benchmarkCalls());
			return new Overall(correct, row.benchmarkCalls(), row.requests(),
					row.latencyP95Ms() == null ? 0 : row.latencyP95Ms() * row.requests(),
					row.tokensPerQuery() == null ? 0 : row.tokensPerQuery() * row.requests(),
					row.costPerQuery() == null ? 0 : row.costPerQuery() * row.requests());
		}

		Overall plus(Overall other) {
			return new Overall(correct + other.correct, benchmarkCalls + other.benchmarkCalls, requests + other.requests,
					p95Weighted + other.p95Weighted, tokensWeighted + other.tokensWeighted, costWeighted + other.costWeighted);
		}

		Double accuracy() {
			return benchmarkCalls == 0 ? null : (double) correct / benchmarkCalls;
		}

		Double p95() {
			return requests == 0 || p95Weighted == 0 ? null : p95Weighted / requests;
		}

		Double tokensPerQuery() {
			return requests == 0 ? null : tokensWeighted / requests;
		}
	}
}
