package dev.arbiter.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code arbiter.routing.*} (environment: {@code ARBITER_ROUTING_*}).
 *
 * @param defaultDomain the slug of the domain a query falls back to when the classifier is not sure
 * @param classifier    how queries are classified into domains
 */
@ConfigurationProperties("arbiter.routing")
public record RoutingSettings(String defaultDomain, Classifier classifier) {

	public RoutingSettings {
		defaultDomain = defaultDomain == null || defaultDomain.isBlank() ? "open-qa" : defaultDomain.trim().toLowerCase();
		classifier = classifier == null ? Classifier.defaults() : classifier;
	}

	/** Every setting at its default. */
	public static RoutingSettings defaults() {
		return new RoutingSettings(null, null);
	}

	/**
	 * {@code arbiter.routing.classifier.*}.
	 *
	 * @param temperature    of the softmax that turns cosine similarities into probabilities: a domain
	 *                       whose similarity is higher by {@code temperature} is e ≈ 2.7 times as likely
	 * @param minConfidence  below this top probability a query falls back to the default domain
	 * @param minKnownWords  below this share of words the model knows (see
	 *                       {@link dev.arbiter.inference.Embeddings#knownWordShare}) a query is taken for
	 *                       gibberish and falls back; 0 switches the check off
	 * @param itemsPerDomain benchmark items per domain whose prompts make up its centroid
	 * @param checkEvery     how often, at most, a classification has the background look for changed
	 *                       domains or item counts, and recompute the centroids if so
	 * @param refreshEvery   centroids older than this are recomputed in the background in any case
	 * @param cacheSize      classifications kept, by organization and text
	 * @param cacheTtl       how long a classification is kept
	 */
	public record Classifier(Double temperature, Double minConfidence, Double minKnownWords, Integer itemsPerDomain,
			Duration checkEvery, Duration refreshEvery, Integer cacheSize, Duration cacheTtl) {

		public Classifier {
			temperature = between("temperature", temperature, 0.05, 1e-4, 10);
			minConfidence = between("min-confidence", minConfidence, 0.35, 0, 1);
			minKnownWords = between("min-known-words", minKnownWords, 0.25, 0, 1);
			itemsPerDomain = atLeast("items-per-domain", itemsPerDomain, 200, 0);
			checkEvery = notNegative("check-every", checkEvery, Duration.ofSeconds(30));
			refreshEvery = notNegative("refresh-every", refreshEvery, Duration.ofMinutes(10));
			cacheSize = atLeast("cache-size", cacheSize, 10_000, 0);
			cacheTtl = notNegative("cache-ttl", cacheTtl, Duration.ofMinutes(5));
		}

		public static Classifier defaults() {
			return new Classifier(null, null, null, null, null, null, null, null);
		}

		private static double between(String key, Double value, double fallback, double min, double max) {
			if (value == null) {
				return fallback;
			}
			if (value.isNaN() || value < min || value > max) {
				throw new IllegalArgumentException("arbiter.routing.classifier." + key + " must be between " + min + " and " + max
						+ ", got " + value);
			}
			return value;
		}

		private static int atLeast(String key, Integer value, int fallback, int min) {
			if (value == null) {
				return fallback;
			}
			if (value < min) {
				throw new IllegalArgumentException("arbiter.routing.classifier." + key + " must be at least " + min + ", got " + value);
			}
			return value;
		}

		private static Duration notNegative(String key, Duration value, Duration fallback) {
			if (value == null) {
				return fallback;
			}
			if (value.isNegative()) {
				throw new IllegalArgumentException("arbiter.routing.classifier." + key + " must not be negative, got " + value);
			}
			return value;
		}
	}
}
