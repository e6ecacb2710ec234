package dev.arbiter.routing;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.arbiter.inference.Embeddings;
import dev.arbiter.routing.internal.CentroidSet;
import dev.arbiter.routing.internal.DomainCentroids;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Tells which of an organization's domains a query belongs to, by the nearest centroid: each
 * domain's centroid is the mean embedding of its name and description and of up to
 * {@code items-per-domain} of its benchmark prompts (see {@link CentroidSet}). Cosine similarities
 * to the centroids become probabilities through a softmax at {@code temperature}; the top
 * probability is the confidence. A query falls back to the default domain when the confidence is
 * below {@code min-confidence}, or when too few of its words are words at all
 * ({@code min-known-words}: gibberish is otherwise drawn to whichever domain holds obfuscated text).
 *
 * <p>Classifications are cached per organization, text and centroid version for {@code cache-ttl}.
 * Long texts are embedded by their head and tail ({@link Embeddings#clip}).
 */
@Component
public class DomainClassifier {

	private final RoutingSettings settings;

	private final Function<String, float[]> embed;

	private final ToDoubleFunction<String> knownWordShare;

	private final Function<UUID, CentroidSet> centroids;

	private final Cache<Key, Classification> cache;

	private record Key(UUID orgId, long centroidVersion, String textSha256) {
	}

	@Autowired
	DomainClassifier(RoutingSettings settings, Embeddings embeddings, DomainCentroids centroids) {
		this(settings, embeddings::embed, Embeddings::knownWordShare, centroids::current);
	}

	DomainClassifier(RoutingSettings settings, Function<String, float[]> embed, ToDoubleFunction<String> knownWordShare,
			Function<UUID, CentroidSet> centroids) {
		this.settings = settings;
		this.embed = embed;
		this.knownWordShare = knownWordShare;
		this.centroids = centroids;
		this.cache = Caffeine.newBuilder()
			.maximumSize(settings.classifier().cacheSize())
			.expireAfterWrite(settings.classifier().cacheTtl())
			.build();
	}

	/** Nearest centroid over embeddings of each domain's benchmark items and description. */
	public Classification classify(UUID orgId, String text) {
		var set = centroids.apply(orgId);
		if (text == null || text.isBlank()) {
			return new Classification(fallbackDomain(set, null), 0, true, List.of());
		}
		return cache.get(new Key(orgId, set.version(), DomainCentroids.sha256(text)), key -> classify(set, text));
	}

	private Classification classify(CentroidSet set, String text) {
		var scores = set.score(embed.apply(text), settings.classifier().temperature());
		if (scores.isEmpty()) {
			return new Classification(settings.defaultDomain(), 0, true, scores);
		}
		var top = scores.get(0);
		boolean sure = top.probability() >= settings.classifier().minConfidence()
				&& knownWordShare.applyAsDouble(text) >= settings.classifier().minKnownWords();
		return sure ? new Classification(top.domain(), top.probability(), false, scores)
				: new Classification(fallbackDomain(set, top.domain()), top.probability(), true, scores);
	}

	/** The configured default domain, or the most probable one if the organization has no such domain. */
	private String fallbackDomain(CentroidSet set, String top) {
		return set.has(settings.defaultDomain()) || top == null ? settings.defaultDomain() : top;
	}
}
