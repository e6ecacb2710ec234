package dev.arbiter.inference.simulator;

import java.util.SplittableRandom;

/**
 * The random decisions of one request, derived from a 64-bit key so that they are reproducible.
 *
 * <p>The key is {@code hash(seed, model, prompt, ordinal)}; each decision (fault, latency, wrong
 * answer, filler text) draws from its own stream, so changing one kind of draw never shifts another.
 */
final class Draws {

	enum Purpose {

		FAULT, LATENCY, WRONG_ANSWER, FILLER;

		final long salt = mix(0x5EED_0000L + ordinal() * 0x9E37_79B9_7F4A_7C15L);

	}

	/** The golden-ratio increment of a Weyl sequence: consecutive items get well-spread uniforms. */
	private static final double WEYL_STEP = 0.6180339887498949;

	private final long key;

	private Draws(long key) {
		this.key = key;
	}

	static Draws of(long seed, String model, String prompt, long ordinal) {
		return new Draws(mix(mix(mix(seed ^ hash(model)) ^ hash(prompt)) + ordinal * 0x9E37_79B9_7F4A_7C15L));
	}

	/** A uniform number in [0, 1) for that purpose. */
	double uniform(Purpose purpose) {
		return toUnit(mix(key ^ purpose.salt));
	}

	/** An independent random stream for that purpose, for draws that need several numbers. */
	SplittableRandom random(Purpose purpose) {
		return new SplittableRandom(mix(key ^ purpose.salt));
	}

	/**
	 * The uniform that decides whether the {@code index}-th item of a domain is answered correctly.
	 *
	 * <p>It is {@code frac(offset + index * φ)}, a Weyl sequence whose offset is drawn from (seed,
	 * model, domain, ordinal). Each item's uniform is exactly uniform over the choice of offset, so
	 * the expected accuracy is exactly the configured one; and because the sequence is
	 * equidistributed, the observed accuracy over the items of a domain departs from it by
	 * O(log n / n) rather than the O(1/√n) of independent coin flips.
	 */
	static double correctness(long seed, String model, String domain, long ordinal, int index) {
		double offset = toUnit(mix(mix(mix(seed ^ hash(model) ^ 0xC0DEL) ^ hash(domain)) + ordinal * 0x9E37_79B9_7F4A_7C15L));
		double u = offset + index * WEYL_STEP;
		return u - Math.floor(u);
	}

	/** A 64-bit hash of a string (FNV-1a over its UTF-16 units, then mixed). */
	static long hash(String s) {
		long h = 0xcbf2_9ce4_8422_2325L;
		for (int i = 0; i < s.length(); i++) {
			h ^= s.charAt(i);
			h *= 0x100_0000_01b3L;
		}
		return mix(h);
	}

	/** The SplitMix64 finaliser. */
	static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xbf58_476d_1ce4_e5b9L;
		z = (z ^ (z >>> 27)) * 0x94d0_49bb_1331_11ebL;
		return z ^ (z >>> 31);
	}

	private static double toUnit(long bits) {
		return (bits >>> 11) * 0x1.0p-53;
	}

}
