package dev.arbiter.inference.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.arbiter.registry.ModelCatalog.Upstream;

class AgentLimitsTests {

	final AgentLimits limits = new AgentLimits(16);

	static Upstream agent(UUID id, Integer maxConcurrency) {
		return new Upstream(UUID.randomUUID(), id, "gpu-1", "http://127.0.0.1:1/v1", "openai", null, maxConcurrency,
				UUID.randomUUID(), "m", "m", 80, BigDecimal.ONE, "ACTIVE");
	}

	@Test
	void givesUpWaitingForASlotAtTheDeadline() {
		var gpu = agent(UUID.randomUUID(), 1);
		try (var held = limits.acquire(gpu, Deadline.after(Duration.ofSeconds(5)))) {

			var failure = catchThrowableOfType(AttemptFailed.class, () -> limits.acquire(gpu, Deadline.after(Duration.ofMillis(50))));

			assertThat(failure.errorType()).isEqualTo("timeout");
			assertThat(failure.retryable()).isFalse();
			assertThat(failure.getMessage()).contains("gpu-1", "at most 1");
		}
	}

	@Test
	void freesTheSlotWhenItIsClosed() {
		var gpu = agent(UUID.randomUUID(), 1);
		limits.acquire(gpu, Deadline.after(Duration.ofSeconds(1))).close();

		try (var again = limits.acquire(gpu, Deadline.after(Duration.ofMillis(50)))) {
			assertThat(again).isNotNull();
		}
	}

	@Test
	void limitsEachAgentOnItsOwn() {
		var one = agent(UUID.randomUUID(), 1);
		var other = agent(UUID.randomUUID(), 1);
		try (var held = limits.acquire(one, Deadline.after(Duration.ofSeconds(1)));
				var alsoHeld = limits.acquire(other, Deadline.after(Duration.ofMillis(50)))) {
			assertThat(alsoHeld).isNotNull();
		}
	}

	@Test
	void appliesAChangedLimitToNewCalls() {
		UUID id = UUID.randomUUID();
		try (var held = limits.acquire(agent(id, 1), Deadline.after(Duration.ofSeconds(1)));
				var second = limits.acquire(agent(id, 2), Deadline.after(Duration.ofMillis(50)))) {
			assertThat(second).isNotNull();
		}
	}
}
