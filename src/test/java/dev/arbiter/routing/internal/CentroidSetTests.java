package dev.arbiter.routing.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.arbiter.routing.Classification.DomainScore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CentroidSetTests {

	@Test
	void softmaxMakesASimilarityHigherByTheTemperatureETimesAsLikely() {
		var p = CentroidSet.softmax(new double[] { 0.5, 0.45, 0.2 }, 0.05);
		assertThat(p[0] / p[1]).isCloseTo(Math.E, within(1e-9));
		assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
		// 1 / (1 + e^-1 + e^-6)
		assertThat(p[0]).isCloseTo(0.7297, within(1e-4));
	}

	@Test
	void softmaxNeverOverflowsAndSpreadsEvenlyOverEqualSimilarities() {
		var sharp = CentroidSet.softmax(new double[] { 1.0, -1.0 }, 1e-4);
		assertThat(sharp).containsExactly(1.0, 0.0);
		assertThat(CentroidSet.softmax(new double[] { 0.3, 0.3, 0.3, 0.3 }, 0.05)).containsOnly(0.25);
	}

	@Test
	void higherTemperatureFlattensTheProbabilities() {
		var cold = CentroidSet.softmax(new double[] { 0.4, 0.3 }, 0.05);
		var warm = CentroidSet.softmax(new double[] { 0.4, 0.3 }, 0.5);
		assertThat(cold[0]).isGreaterThan(warm[0]);
		assertThat(warm[0]).isCloseTo(1 / (1 + Math.exp(-0.2)), within(1e-12));
	}

	@Test
	void queryLandsOnTheNearestCentroidAfterCentring() {
		var set = CentroidSet.of(threeAxes(), "fingerprint", 0);
		var scores = set.score(new float[] { 0.1f, 0.9f, 0.1f }, 0.05);
		assertThat(scores).extracting(DomainScore::domain).containsExactlyInAnyOrder("a", "b", "c").first().isEqualTo("b");
		assertThat(scores).extracting(DomainScore::probability).isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThat(scores.get(0).similarity()).isGreaterThan(0.8);
		assertThat(scores.get(0).probability()).isGreaterThan(0.99);
		assertThat(scores.stream().mapToDouble(DomainScore::probability).sum()).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void centroidIsTheMeanOfADomainsUnitVectors() {
		var texts = new LinkedHashMap<String, List<float[]>>();
		// Lengths do not count: both texts of "ab" weigh the same, so its centroid lies between a and b.
		texts.put("ab", List.of(new float[] { 10, 0, 0 }, new float[] { 0, 0.1f, 0 }));
		texts.put("c", List.of(new float[] { 0, 0, 1 }));
		var set = CentroidSet.of(texts, null, 0);
		var a = set.score(new float[] { 1, 0, 0 }, 0.05).get(0);
		var b = set.score(new float[] { 0, 1, 0 }, 0.05).get(0);
		assertThat(a.domain()).isEqualTo("ab");
		assertThat(b.domain()).isEqualTo("ab");
		assertThat(a.similarity()).isCloseTo(b.similarity(), within(1e-6));
	}

	@Test
	void anOrganizationWithoutDomainsScoresNothing() {
		var set = CentroidSet.of(Map.of(), null, 0);
		assertThat(set.score(new float[] { 1, 0, 0 }, 0.05)).isEmpty();
		assertThat(set.has("open-qa")).isFalse();
	}

	@Test
	void everySetHasItsOwnVersionButACheckKeepsIt() {
		var first = CentroidSet.of(threeAxes(), "f", 0);
		var second = CentroidSet.of(threeAxes(), "f", 0);
		assertThat(second.version()).isNotEqualTo(first.version());
		var checked = first.checkedAt(42);
		assertThat(checked.version()).isEqualTo(first.version());
		assertThat(checked.checkedAt()).isEqualTo(42);
		assertThat(checked.computedAt()).isZero();
	}

	static Map<String, List<float[]>> threeAxes() {
		var texts = new LinkedHashMap<String, List<float[]>>();
		texts.put("a", List.of(new float[] { 1, 0, 0 }, new float[] { 0.9f, 0.1f, 0 }));
		texts.put("b", List.of(new float[] { 0, 1, 0 }));
		texts.put("c", List.of(new float[] { 0, 0, 1 }));
		return texts;
	}
}
