package dev.arbiter.routing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.arbiter.routing.internal.CentroidSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Confidence, fallback and caching with fixed vectors: "texts" are embedded by a lookup table. */
class DomainClassifierTests {

	static final UUID ORG = UUID.randomUUID();

	static final Map<String, float[]> VECTORS = Map.of(
			"sum", new float[] { 1, 0, 0 },
			"loop", new float[] { 0, 1, 0 },
			"between", new float[] { 0.5f, 0.5f, 0.2f },
			"nowhere", new float[] { 0.1f, 0.1f, 1 });

	final AtomicInteger embedded = new AtomicInteger();

	final AtomicReference<CentroidSet> centroids = new AtomicReference<>(CentroidSet.of(domains("math", "code", "open-qa"), null, 0));

	@Test
	void confidentQueryGetsItsDomain() {
		var result = classifier(settings(0.05, 0.35, 0.25)).classify(ORG, "sum");
		assertThat(result.domain()).isEqualTo("math");
		assertThat(result.fallback()).isFalse();
		assertThat(result.confidence()).isGreaterThan(0.9).isEqualTo(result.scores().get(0).probability());
		assertThat(result.scores()).extracting(Classification.DomainScore::domain).containsExactlyInAnyOrder("math", "code", "open-qa");
	}

	@Test
	void unsureQueryFallsBackToTheDefaultDomainButKeepsItsScores() {
		var result = classifier(settings(0.05, 0.6, 0.25)).classify(ORG, "between");
		assertThat(result.scores().get(0).probability()).isLessThan(0.6);
		assertThat(result.fallback()).isTrue();
		assertThat(result.domain()).isEqualTo("open-qa");
		assertThat(result.confidence()).isEqualTo(result.scores().get(0).probability());
		assertThat(result.scores()).hasSize(3);
	}

	@Test
	void higherTemperatureMakesTheSameQueryUnsure() {
		assertThat(classifier(settings(0.05, 0.5, 0)).classify(ORG, "sum").fallback()).isFalse();
		assertThat(classifier(settings(5.0, 0.5, 0)).classify(ORG, "sum").fallback()).isTrue();
	}

	@Test
	void textWithTooFewKnownWordsFallsBackHoweverCloseItLands() {
		var classifier = new DomainClassifier(settings(0.05, 0.35, 0.25), this::embed, text -> 0.0, org -> centroids.get());
		var result = classifier.classify(ORG, "sum");
		assertThat(result.confidence()).isGreaterThan(0.9);
		assertThat(result.fallback()).isTrue();
		assertThat(result.domain()).isEqualTo("open-qa");
	}

	@Test
	void withoutTheDefaultDomainAFallbackKeepsTheMostProbableOne() {
		centroids.set(CentroidSet.of(domains("math", "code"), null, 0));
		var result = classifier(settings(0.05, 0.99, 0.25)).classify(ORG, "between");
		assertThat(result.fallback()).isTrue();
		assertThat(result.domain()).isEqualTo(result.scores().get(0).domain());
	}

	@Test
	void blankTextFallsBackWithoutScores() {
		var result = classifier(RoutingSettings.defaults()).classify(ORG, " ");
		assertThat(result).isEqualTo(new Classification("open-qa", 0, true, List.of()));
		assertThat(embedded).hasValue(0);
	}

	@Test
	void sameTextIsEmbeddedOnceUntilTheCentroidsChange() {
		var classifier = classifier(RoutingSettings.defaults());
		var first = classifier.classify(ORG, "loop");
		assertThat(classifier.classify(ORG, "loop")).isEqualTo(first);
		assertThat(embedded).hasValue(1);

		classifier.classify(UUID.randomUUID(), "loop");
		assertThat(embedded).as("another organization").hasValue(2);

		centroids.set(CentroidSet.of(domains("math", "code", "open-qa"), null, 0));
		classifier.classify(ORG, "loop");
		assertThat(embedded).as("new centroids").hasValue(3);
	}

	@Test
	void cacheOfSizeZeroEmbedsEveryTime() {
		var settings = new RoutingSettings(null, new RoutingSettings.Classifier(null, null, null, null, null, null, 0, Duration.ZERO));
		var classifier = classifier(settings);
		classifier.classify(ORG, "loop");
		classifier.classify(ORG, "loop");
		assertThat(embedded.get()).isGreaterThanOrEqualTo(2);
	}

	DomainClassifier classifier(RoutingSettings settings) {
		return new DomainClassifier(settings, this::embed, text -> 1.0, org -> centroids.get());
	}

	float[] embed(String text) {
		embedded.incrementAndGet();
		return VECTORS.get(text);
	}

	static RoutingSettings settings(double temperature, double minConfidence, double minKnownWords) {
		return new RoutingSettings("open-qa",
				new RoutingSettings.Classifier(temperature, minConfidence, minKnownWords, null, null, null, null, null));
	}

	/** math around "sum", code around "loop", open-qa around "nowhere". */
	static Map<String, List<float[]>> domains(String... slugs) {
		var texts = new LinkedHashMap<String, List<float[]>>();
		var centres = List.of(VECTORS.get("sum"), VECTORS.get("loop"), VECTORS.get("nowhere"));
		for (int i = 0; i < slugs.length; i++) {
			texts.put(slugs[i], List.of(centres.get(i)));
		}
		return texts;
	}
}
