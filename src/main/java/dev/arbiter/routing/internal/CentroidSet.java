package dev.arbiter.routing.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.arbiter.routing.Classification.DomainScore;

/**
 * One organization's domain centroids, immutable. Each domain's centroid is the mean of the unit
 * embeddings of its texts (its description and benchmark prompts). Centroids and queries are
 * centred on the mean of all the organization's texts before they are compared: this model's
 * embeddings share a large common component, which otherwise makes every cosine look alike.
 */
public final class CentroidSet {

	private static final AtomicLong VERSIONS = new AtomicLong();

	private final long version;

	private final List<String> domains;

	private final float[][] centroids;

	private final float[] mean;

	private final Object fingerprint;

	private final long computedAt;

	private final long checkedAt;

	private CentroidSet(long version, List<String> domains, float[][] centroids, float[] mean, Object fingerprint,
			long computedAt, long checkedAt) {
		this.version = version;
		this.domains = domains;
		this.centroids = centroids;
		this.mean = mean;
		this.fingerprint = fingerprint;
		this.computedAt = computedAt;
		this.checkedAt = checkedAt;
	}

	/**
	 * @param embeddings  per domain slug, the embeddings of its texts (a domain without any is left out)
	 * @param fingerprint what the texts were read from, to tell later whether they changed
	 * @param now         {@link System#nanoTime()} when the texts were read
	 */
	public static CentroidSet of(Map<String, List<float[]>> embeddings, Object fingerprint, long now) {
		var domains = new ArrayList<String>();
		var sums = new ArrayList<float[]>();
		float[] mean = null;
		int texts = 0;
		for (var entry : embeddings.entrySet()) {
			if (entry.getValue().isEmpty()) {
				continue;
			}
			var sum = new float[entry.getValue().get(0).length];
			mean = mean == null ? new float[sum.length] : mean;
			for (var vector : entry.getValue()) {
				var unit = unit(vector);
				for (int i = 0; i < sum.length; i++) {
					sum[i] += unit[i] / entry.getValue().size();
					mean[i] += unit[i];
				}
				texts++;
			}
			domains.add(entry.getKey());
			sums.add(sum);
		}
		if (mean == null) {
			return new CentroidSet(VERSIONS.incrementAndGet(), List.of(), new float[0][], new float[0], fingerprint, now, now);
		}
		for (int i = 0; i < mean.length; i++) {
			mean[i] /= texts;
		}
		var centroids = new float[domains.size()][];
		for (int d = 0; d < centroids.length; d++) {
			centroids[d] = centred(sums.get(d), mean);
		}
		return new CentroidSet(VERSIONS.incrementAndGet(), List.copyOf(domains), centroids, mean, fingerprint, now, now);
	}

	/** Every domain's similarity to the query and its probability, most probable first. */
	public List<DomainScore> score(float[] query, double temperature) {
		if (domains.isEmpty()) {
			return List.of();
		}
		var centredQuery = centred(unit(query), mean);
		var similarities = new double[domains.size()];
		for (int d = 0; d < similarities.length; d++) {
			similarities[d] = dot(centredQuery, centroids[d]);
		}
		var probabilities = softmax(similarities, temperature);
		var scores = new ArrayList<DomainScore>(domains.size());
		for (int d = 0; d < similarities.length; d++) {
			scores.add(new DomainScore(domains.get(d), similarities[d], probabilities[d]));
		}
		scores.sort(Comparator.comparingDouble(DomainScore::probability).reversed().thenComparing(DomainScore::domain));
		return scores;
	}

	/**
	 * {@code exp(s_i / T) / Σ exp(s_j / T)}: a similarity higher by {@code T} is e ≈ 2.7 times as
	 * likely. Computed from the largest similarity down, so it never overflows.
	 */
	static double[] softmax(double[] similarities, double temperature) {
		double max = Double.NEGATIVE_INFINITY;
		for (double s : similarities) {
			max = Math.max(max, s);
		}
		var probabilities = new double[similarities.length];
		double total = 0;
		for (int i = 0; i < similarities.length; i++) {
			probabilities[i] = Math.exp((similarities[i] - max) / temperature);
			total += probabilities[i];
		}
		for (int i = 0; i < probabilities.length; i++) {
			probabilities[i] /= total;
		}
		return probabilities;
	}

	public boolean has(String domain) {
		return domains.contains(domain);
	}

	/** Tells this set from the one before and the one after; classifications are cached per version. */
	public long version() {
		return version;
	}

	public Object fingerprint() {
		return fingerprint;
	}

	/** {@link System#nanoTime()} when its texts were read. */
	public long computedAt() {
		return computedAt;
	}

	/** {@link System#nanoTime()} when its texts were last found unchanged (or read). */
	public long checkedAt() {
		return checkedAt;
	}

	/** The same centroids, found still current at {@code now}. */
	public CentroidSet checkedAt(long now) {
		return new CentroidSet(version, domains, centroids, mean, fingerprint, computedAt, now);
	}

	private static float[] unit(float[] vector) {
		double norm = Math.sqrt(dot(vector, vector));
		var unit = new float[vector.length];
		if (norm > 1e-12) {
			for (int i = 0; i < vector.length; i++) {
				unit[i] = (float) (vector[i] / norm);
			}
		}
		return unit;
	}

	private static float[] centred(float[] vector, float[] mean) {
		var difference = new float[vector.length];
		for (int i = 0; i < vector.length; i++) {
			difference[i] = vector[i] - mean[i];
		}
		return unit(difference);
	}

	private static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}
}
