package dev.arbiter.routing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.routing.GatewaySettings;

import org.springframework.stereotype.Component;

/**
 * What the gateway remembers of each assignment's health: a circuit breaker (open after
 * {@code consecutiveFailures} failures in a row or a failure rate over a sliding time window,
 * half-open after a wait) and a cooldown after a 429 for as long as its {@code Retry-After} asks.
 */
@Component
class Breakers {

	private final CircuitBreakerRegistry registry;

	private final int consecutiveFailures;

	private final Map<UUID, Tracked> tracked = new ConcurrentHashMap<>();

	private final Map<UUID, Instant> cooldowns = new ConcurrentHashMap<>();

	Breakers(GatewaySettings settings) {
		var breaker = settings.breaker();
		this.consecutiveFailures = breaker.consecutiveFailures();
		this.registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
			.slidingWindowSize((int) Math.max(1, breaker.window().toSeconds()))
			.minimumNumberOfCalls(breaker.minimumCalls())
			.failureRateThreshold(breaker.failureRate())
			.waitDurationInOpenState(breaker.waitInOpen())
			.permittedNumberOfCallsInHalfOpenState(breaker.trialCalls())
			.build());
	}

	/** One assignment's breaker with whose it is and its current run of failures. */
	private record Tracked(UUID orgId, ModelCatalog.Upstream upstream, CircuitBreaker breaker, AtomicInteger streak) {
	}

	private Tracked of(UUID orgId, ModelCatalog.Upstream upstream) {
		return tracked.computeIfAbsent(upstream.assignmentId(),
				id -> new Tracked(orgId, upstream, registry.circuitBreaker(id.toString()), new AtomicInteger()));
	}

	/** Whether a call may go to the assignment now; a permit not used must be {@linkplain #release released}. */
	boolean permit(UUID orgId, ModelCatalog.Upstream upstream) {
		return of(orgId, upstream).breaker().tryAcquirePermission();
	}

	void release(UUID orgId, ModelCatalog.Upstream upstream) {
		of(orgId, upstream).breaker().releasePermission();
	}

	void succeeded(UUID orgId, ModelCatalog.Upstream upstream, double latencyMs) {
		var t = of(orgId, upstream);
		t.streak().set(0);
		t.breaker().onSuccess(Math.round(latencyMs * 1000), TimeUnit.MICROSECONDS);
	}

	void failed(UUID orgId, ModelCatalog.Upstream upstream, double latencyMs, String why) {
		var t = of(orgId, upstream);
		t.breaker().onError(Math.round(latencyMs * 1000), TimeUnit.MICROSECONDS, new UpstreamFailed(why));
		if (t.streak().incrementAndGet() >= consecutiveFailures && t.breaker().getState() == CircuitBreaker.State.CLOSED) {
			t.breaker().transitionToOpenState();
		}
		if (t.breaker().getState() != CircuitBreaker.State.CLOSED) {
			t.streak().set(0);
		}
	}

	/** Skips the assignment for {@code wait} (a 429's {@code Retry-After}). */
	void coolDown(UUID assignmentId, Duration wait) {
		cooldowns.put(assignmentId, Instant.now().plus(wait));
	}

	boolean coolingDown(UUID assignmentId) {
		var until = cooldowns.get(assignmentId);
		if (until == null) {
			return false;
		}
		if (Instant.now().isBefore(until)) {
			return true;
		}
		cooldowns.remove(assignmentId, until);
		return false;
	}

	/** One breaker as the API shows it. */
	record State(UUID assignmentId, String model, String agent, String state, Float failureRate, int bufferedCalls, int failedCalls,
			Instant cooldownUntil) {
	}

	List<State> states(UUID orgId) {
		return tracked.values().stream().filter(t -> t.orgId().equals(orgId)).map(t -> {
			var metrics = t.breaker().getMetrics();
			var until = cooldowns.get(t.upstream().assignmentId());
			return new State(t.upstream().assignmentId(), t.upstream().model(), t.upstream().agent(), t.breaker().getState().name(),
					metrics.getFailureRate() < 0 ? null : metrics.getFailureRate(), metrics.getNumberOfBufferedCalls(),
					metrics.getNumberOfFailedCalls(), until == null || until.isBefore(Instant.now()) ? null : until);
		}).sorted(Comparator.comparing(State::model).thenComparing(State::agent)).toList();
	}

	/** Why a call counted against an assignment: 429, 408, 5xx, a timeout or a connection error. */
	static final class UpstreamFailed extends RuntimeException {

		UpstreamFailed(String why) {
			super(why, null, false, false);
		}
	}
}
