package dev.arbiter.inference.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.arbiter.registry.ModelCatalog.Upstream;

/**
 * At most {@code maxConcurrency} calls in flight per agent (a fair semaphore per agent); calls beyond
 * it wait in arrival order until a slot frees or their deadline passes.
 */
public final class AgentLimits {

	private final Map<Object, Limit> limits = new ConcurrentHashMap<>();

	private final int defaultLimit;

	public AgentLimits(int defaultLimit) {
		this.defaultLimit = defaultLimit;
	}

	/** A slot on the upstream's agent, to be closed when the attempt is over. */
	public Slot acquire(Upstream upstream, Deadline deadline) {
		int permits = upstream.maxConcurrency() == null || upstream.maxConcurrency() < 1 ? defaultLimit
				: upstream.maxConcurrency();
		Object key = upstream.agentId() != null ? upstream.agentId() : upstream.baseUrl();
		Limit limit = limits.compute(key,
				(k, known) -> known != null && known.permits() == permits ? known : new Limit(permits, new Semaphore(permits, true)));
		try {
			if (!limit.semaphore().tryAcquire(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
				throw AttemptFailed.noSlot(upstream.agent(), permits);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw AttemptFailed.interrupted(0);
		}
		return limit.semaphore()::release;
	}

	/** A slot held on an agent. */
	public interface Slot extends AutoCloseable {

		@Override
		void close();
	}

	/** A limit changed in the registry takes effect for new calls; calls holding the old one release to it. */
	private record Limit(int permits, Semaphore semaphore) {
	}
}
