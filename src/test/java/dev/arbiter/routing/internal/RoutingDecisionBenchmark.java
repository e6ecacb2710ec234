package dev.arbiter.routing.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.arbiter.metrics.ModelDomainMetrics;
import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.registry.ModelStatus;

/**
 * One routing decision without classification: rank 8 assignments of 8 models for a domain by
 * the balanced strategy, over an in-memory snapshot and price table, on one thread.
 * Run: {@code bench/jmh.sh RoutingDecisionBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RoutingDecisionBenchmark {

	private Ranker ranker;

	private UUID org;

	private Route route;

	private List<ModelCatalog.Upstream> upstreams;

	private Map<String, ModelCatalog.ModelInfo> models;

	private Ranker.Needs needs;

	@Setup
	public void setUp() {
		org = UUID.randomUUID();
		var perDomain = new HashMap<String, Map<String, ModelDomainMetrics>>();
		var overall = new HashMap<String, MetricsSnapshot.Overall>();
		upstreams = new ArrayList<>();
		models = new HashMap<>();
		var prices = new HashMap<String, ModelCatalog.Price>();
		for (int i = 0; i < 8; i++) {
			var name = "model-" + i;
			var row = new ModelDomainMetrics(name, "math", 1000, 10, 0.01, 400, 0.5 + i * 0.05, 300.0 + i * 50, 100.0, 250.0 + i * 40,
					700.0 + i * 90, 900.0 + i * 100, 50.0, 0.8, 400.0, 0.0004, BigDecimal.ONE, 0.01, null);
			perDomain.computeIfAbsent("math", d -> new HashMap<>()).put(name, row);
			overall.put(name, MetricsSnapshot.Overall.of(row));
			upstreams.add(new ModelCatalog.Upstream(UUID.randomUUID(), UUID.randomUUID(), "agent-" + i, "http://127.0.0.1:1/v1", "openai",
					null, 64, UUID.randomUUID(), name, name, 50 + i, BigDecimal.ONE, "ACTIVE"));
			models.put(name, new ModelCatalog.ModelInfo(UUID.randomUUID(), name, ModelStatus.ACTIVE, "local", 32_768, List.of("chat"), false));
			prices.put(name, new ModelCatalog.Price(BigDecimal.valueOf(0.1 * (i + 1)), BigDecimal.valueOf(0.2 * (i + 1))));
		}
		var snapshot = new MetricsSnapshot.Snapshot(perDomain, overall);
		// as ModelCatalog.priceAt does it: a cache lookup by (organization, model), then the period in force
		record Key(UUID org, String model) {
		}
		record Period(ModelCatalog.Price price, OffsetDateTime from, OffsetDateTime to) {
		}
		var since = OffsetDateTime.now().minusDays(30);
		Cache<Key, List<Period>> cache = Caffeine.newBuilder().maximumSize(10_000).build();
		prices.forEach((model, price) -> cache.put(new Key(org, model), List.of(new Period(price, since, null))));
		ranker = new Ranker(orgId -> snapshot, (orgId, model, at) -> {
			for (var period : cache.getIfPresent(new Key(orgId, model))) {
				if (!period.from().isAfter(at) && (period.to() == null || period.to().isAfter(at))) {
					return Optional.of(period.price());
				}
			}
			return Optional.empty();
		}, 20);
		route = Route.auto();
		needs = new Ranker.Needs(40, 256, Set.of());
	}

	@Benchmark
	@BenchmarkMode({ Mode.Throughput })
	@OutputTimeUnit(TimeUnit.SECONDS)
	public Object decisionsPerSecond() {
		return ranker.rank(org, "math", route, upstreams, models, needs);
	}

	@Benchmark
	@BenchmarkMode({ Mode.SampleTime })
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Object decisionLatency() {
		return ranker.rank(org, "math", route, upstreams, models, needs);
	}
}
