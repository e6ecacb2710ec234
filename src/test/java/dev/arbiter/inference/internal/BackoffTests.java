package dev.arbiter.inference.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTests {

	final Duration initial = Duration.ofMillis(200);

	final Duration max = Duration.ofSeconds(10);

	@Test
	void drawsBetweenTheInitialBackoffAndACeilingThatDoublesWithEveryFailure() {
		assertThat(new Backoff(initial, max, () -> 0.0).after(1, null)).isEqualTo(Duration.ofMillis(200));
		assertThat(new Backoff(initial, max, () -> 0.999_999).after(1, null)).isEqualTo(Duration.ofMillis(399));
		assertThat(new Backoff(initial, max, () -> 0.999_999).after(3, null)).isEqualTo(Duration.ofMillis(1599));
	}

	@Test
	void neverExceedsTheMaximumBackoff() {
		var backoff = new Backoff(initial, max, () -> 0.999_999_999);

		assertThat(backoff.after(6, null)).isLessThanOrEqualTo(max).isGreaterThan(Duration.ofMillis(9_990));
		assertThat(backoff.after(1_000, null)).isLessThanOrEqualTo(max);
	}

	@Test
	void spreadsWaitsAcrossTheWholeRange() {
		var backoff = new Backoff(initial, max);
		var waits = java.util.stream.IntStream.range(0, 2_000).mapToObj(i -> backoff.after(4, null)).toList();

		assertThat(waits).allSatisfy(wait -> assertThat(wait).isBetween(initial, Duration.ofMillis(3_200)));
		assertThat(waits).anySatisfy(wait -> assertThat(wait).isLessThan(Duration.ofMillis(800)));
		assertThat(waits).anySatisfy(wait -> assertThat(wait).isGreaterThan(Duration.ofMillis(2_600)));
	}

	@Test
	void waitsForRetryAfterWhenItIsLonger() {
		var backoff = new Backoff(initial, max, () -> 0.5);

		assertThat(backoff.after(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
		assertThat(backoff.after(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
		assertThat(backoff.after(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(300));
	}
}
