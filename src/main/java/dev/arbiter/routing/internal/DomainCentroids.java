package dev.arbiter.routing.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.arbiter.inference.Embeddings;
import dev.arbiter.routing.RoutingSettings;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Every organization's current {@link CentroidSet}. The first classification of an organization
 * waits for its centroids; after that a classification never waits: when the set was last checked
 * more than {@code check-every} ago, one background thread reads the organization's fingerprint
 * (domains and item counts) and recomputes the centroids if it changed or if they are older than
 * {@code refresh-every}, while the old set keeps answering. Embeddings of texts are cached, so a
 * recompute embeds only new texts.
 */
@Component
public class DomainCentroids {

	private static final Logger log = LoggerFactory.getLogger(DomainCentroids.class);

	/** Reads what an organization's centroids are made of, and computes them from it. */
	interface Source {

		Object fingerprint(UUID orgId);

		CentroidSet compute(UUID orgId, Object fingerprint, long now);
	}

	private final Source source;

	private final long checkEveryNanos;

	private final long refreshEveryNanos;

	private final Executor background;

	private final LongSupplier clock;

	private final Map<UUID, CompletableFuture<CentroidSet>> sets = new ConcurrentHashMap<>();

	private final Set<UUID> refreshing = ConcurrentHashMap.newKeySet();

	private final ExecutorService ownExecutor;

	@Autowired
	DomainCentroids(RoutingSettings settings, DomainCorpus corpus, Embeddings embeddings) {
		this(settings.classifier(), new CorpusSource(corpus, embeddings, settings.classifier().itemsPerDomain()),
				Executors.newSingleThreadExecutor(DomainCentroids::backgroundThread), System::nanoTime);
	}

	DomainCentroids(RoutingSettings.Classifier settings, Source source, Executor background, LongSupplier clock) {
		this.source = source;
		this.checkEveryNanos = settings.checkEvery().toNanos();
		this.refreshEveryNanos = settings.refreshEvery().toNanos();
		this.background = background;
		this.clock = clock;
		this.ownExecutor = background instanceof ExecutorService service ? service : null;
	}

	/** The organization's centroids: computed now if it has none yet, else the current ones (refreshed in the background when due). */
	public CentroidSet current(UUID orgId) {
		var future = sets.get(orgId);
		if (future == null) {
			return computeFirst(orgId);
		}
		if (!future.isDone()) {
			return future.join();
		}
		var set = future.join();
		if (clock.getAsLong() - set.checkedAt() >= checkEveryNanos && refreshing.add(orgId)) {
			try {
				background.execute(() -> refresh(orgId, set));
			}
			catch (RuntimeException e) {
				refreshing.remove(orgId);
				log.warn("Cannot schedule a refresh of the domain centroids of organization {}", orgId, e);
			}
		}
		return set;
	}

	private CentroidSet computeFirst(UUID orgId) {
		var mine = new CompletableFuture<CentroidSet>();
		var theirs = sets.putIfAbsent(orgId, mine);
		if (theirs != null) {
			return theirs.join();
		}
		try {
			long now = clock.getAsLong();
			mine.complete(source.compute(orgId, source.fingerprint(orgId), now));
		}
		catch (RuntimeException e) {
			sets.remove(orgId, mine);
			mine.completeExceptionally(e);
			throw e;
		}
		return mine.join();
	}

	private void refresh(UUID orgId, CentroidSet old) {
		try {
			long now = clock.getAsLong();
			var fingerprint = source.fingerprint(orgId);
			var fresh = Objects.equals(fingerprint, old.fingerprint()) && now - old.computedAt() < refreshEveryNanos
					? old.checkedAt(now) : source.compute(orgId, fingerprint, now);
			sets.put(orgId, CompletableFuture.completedFuture(fresh));
		}
		catch (RuntimeException e) {
			log.warn("Cannot refresh the domain centroids of organization {}; keeping the current ones", orgId, e);
			sets.put(orgId, CompletableFuture.completedFuture(old.checkedAt(clock.getAsLong())));
		}
		finally {
			refreshing.remove(orgId);
		}
	}

	private static Thread backgroundThread(Runnable task) {
		var thread = new Thread(task, "domain-centroids");
		thread.setDaemon(true);
		return thread;
	}

	@PreDestroy
	void stop() {
		if (ownExecutor != null) {
			ownExecutor.shutdownNow();
		}
	}

	/** Centroids from the domains' texts, each text embedded once and then taken from a cache. */
	private static final class CorpusSource implements Source {

		private final DomainCorpus corpus;

		private final Embeddings embeddings;

		private final int itemsPerDomain;

		private final Cache<String, float[]> embeddingsByText = Caffeine.newBuilder().maximumSize(50_000).build();

		CorpusSource(DomainCorpus corpus, Embeddings embeddings, int itemsPerDomain) {
			this.corpus = corpus;
			this.embeddings = embeddings;
			this.itemsPerDomain = itemsPerDomain;
		}

		@Override
		public Object fingerprint(UUID orgId) {
			return corpus.fingerprint(orgId);
		}

		@Override
		public CentroidSet compute(UUID orgId, Object fingerprint, long now) {
			var texts = corpus.texts(((DomainCorpus.Fingerprint) fingerprint).domains(), orgId, itemsPerDomain);
			var missing = new LinkedHashMap<String, String>();
			texts.values().forEach(list -> list.forEach(text -> {
				var key = sha256(text);
				if (embeddingsByText.getIfPresent(key) == null) {
					missing.put(key, text);
				}
			}));
			var computed = embeddings.embedAll(new ArrayList<>(missing.values()));
			int i = 0;
			for (var key : missing.keySet()) {
				embeddingsByText.put(key, computed.get(i++));
			}
			var vectors = new LinkedHashMap<String, List<float[]>>();
			texts.forEach((domain, list) -> vectors.put(domain, list.stream()
				.map(text -> embeddingsByText.get(sha256(text), key -> embeddings.embed(text)))
				.toList()));
			log.debug("Domain centroids of organization {}: {} domains, {} texts embedded anew", orgId, vectors.size(), missing.size());
			return CentroidSet.of(vectors, fingerprint, now);
		}
	}

	/** Hex SHA-256 of the text's UTF-8 bytes. */
	public static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("The JVM lacks SHA-256", e);
		}
	}
}
