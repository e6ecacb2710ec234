package dev.arbiter.routing.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.arbiter.routing.RoutingSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When centroids are computed and refreshed, with a hand-driven clock and background. */
class DomainCentroidsTests {

	static final UUID ORG = UUID.randomUUID();

	static final long SECOND = 1_000_000_000L;

	final AtomicLong clock = new AtomicLong(1_000 * SECOND);

	final Queue<Runnable> background = new ArrayDeque<>();

	final AtomicReference<Object> fingerprint = new AtomicReference<>("v1");

	final AtomicInteger computed = new AtomicInteger();

	final AtomicInteger fingerprinted = new AtomicInteger();

	final DomainCentroids centroids = new DomainCentroids(
			new RoutingSettings.Classifier(null, null, null, null, Duration.ofSeconds(30), Duration.ofMinutes(10), null, null),
			new DomainCentroids.Source() {
				@Override
				public Object fingerprint(UUID orgId) {
					fingerprinted.incrementAndGet();
					return fingerprint.get();
				}

				@Override
				public CentroidSet compute(UUID orgId, Object fingerprint, long now) {
					computed.incrementAndGet();
					return CentroidSet.of(CentroidSetTests.threeAxes(), fingerprint, now);
				}
			}, background::add, clock::get);

	@Test
	void firstClassificationOfAnOrganizationWaitsForItsCentroids() {
		var set = centroids.current(ORG);
		assertThat(computed).hasValue(1);
		assertThat(set.fingerprint()).isEqualTo("v1");
		assertThat(centroids.current(ORG)).isSameAs(set);
		assertThat(background).isEmpty();
	}

	@Test
	void unchangedFingerprintKeepsTheCentroidsAndChecksAgainLater() {
		var set = centroids.current(ORG);
		clock.addAndGet(31 * SECOND);
		assertThat(centroids.current(ORG)).isSameAs(set);
		assertThat(centroids.current(ORG)).as("one refresh at a time").isSameAs(set);
		assertThat(background).hasSize(1);
		background.poll().run();
		var checked = centroids.current(ORG);
		assertThat(checked.version()).isEqualTo(set.version());
		assertThat(computed).hasValue(1);
		assertThat(background).as("just checked").isEmpty();
	}

	@Test
	void changedFingerprintIsRecomputedInTheBackgroundWhileTheOldSetAnswers() {
		var old = centroids.current(ORG);
		fingerprint.set("v2");
		clock.addAndGet(31 * SECOND);
		assertThat(centroids.current(ORG)).isSameAs(old);
		assertThat(computed).hasValue(1);
		background.poll().run();
		var fresh = centroids.current(ORG);
		assertThat(computed).hasValue(2);
		assertThat(fresh.fingerprint()).isEqualTo("v2");
		assertThat(fresh.version()).isNotEqualTo(old.version());
	}

	@Test
	void centroidsOlderThanRefreshEveryAreRecomputedEvenIfNothingChanged() {
		centroids.current(ORG);
		clock.addAndGet(11 * 60 * SECOND);
		centroids.current(ORG);
		background.poll().run();
		assertThat(computed).hasValue(2);
	}

	@Test
	void failedRefreshKeepsTheOldCentroids() {
		var old = centroids.current(ORG);
		fingerprint.set(null);
		var failing = new DomainCentroids(
				new RoutingSettings.Classifier(null, null, null, null, Duration.ofSeconds(30), null, null, null),
				new DomainCentroids.Source() {
					@Override
					public Object fingerprint(UUID orgId) {
						if (computed.get() > 0) {
							throw new IllegalStateException("database down");
						}
						return "v1";
					}

					@Override
					public CentroidSet compute(UUID orgId, Object fingerprint, long now) {
						computed.incrementAndGet();
						return old;
					}
				}, background::add, clock::get);
		computed.set(0);
		var first = failing.current(ORG);
		clock.addAndGet(31 * SECOND);
		failing.current(ORG);
		background.poll().run();
		assertThat(failing.current(ORG).version()).isEqualTo(first.version());
		assertThat(background).as("checked just now, even though it failed").isEmpty();
	}

	@Test
	void failedFirstComputationIsTriedAgainByTheNextClassification() {
		var attempts = new AtomicInteger();
		var flaky = new DomainCentroids(RoutingSettings.Classifier.defaults(), new DomainCentroids.Source() {
			@Override
			public Object fingerprint(UUID orgId) {
				return "v1";
			}

			@Override
			public CentroidSet compute(UUID orgId, Object fingerprint, long now) {
				if (attempts.incrementAndGet() == 1) {
					throw new IllegalStateException("database down");
				}
				return CentroidSet.of(CentroidSetTests.threeAxes(), fingerprint, now);
			}
		}, background::add, clock::get);
		assertThatThrownBy(() -> flaky.current(ORG)).hasMessageContaining("database down");
		assertThat(flaky.current(ORG).has("a")).isTrue();
	}
}
