package dev.arbiter.evaluation.internal.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * BLEU exactly as sacreBLEU 2.x computes it (its {@code BLEU} metric), so that numbers here can be
 * compared with numbers reported elsewhere: the {@code 13a} tokenizer of mteval-v13a (or
 * {@code none}), n-grams up to 4 with counts clipped by the maximum over references, the closest
 * reference length (shorter wins ties) for the brevity penalty, and the smoothing methods
 * {@code exp} (NIST), {@code floor}, {@code add-k} and {@code none}.
 *
 * <p>Defaults match sacreBLEU's: {@link #corpusDefaults()} is {@code corpus_bleu} (13a, exp,
 * mixed case, no effective order); {@link #sentenceDefaults()} is {@code sentence_bleu} (the same
 * with effective order, which drops n-gram orders the hypothesis is too short to have).
 *
 * <p>{@link Result#score()} is on sacreBLEU's 0–100 scale; the {@code bleu} scorer divides by 100.
 *
 * @param tokenize {@code 13a} or {@code none}
 * @param lowercase lowercase hypothesis and references first
 * @param smoothMethod {@code exp}, {@code floor}, {@code add-k} or {@code none}
 * @param smoothValue the value for {@code floor} (default 0.1) and {@code add-k} (default 1); NaN
 * for the default
 * @param effectiveOrder stop at the highest n-gram order the hypothesis has
 */
public record SacreBleu(String tokenize, boolean lowercase, String smoothMethod, double smoothValue,
		boolean effectiveOrder) {

	static final int MAX_NGRAM_ORDER = 4;

	static final List<String> TOKENIZERS = List.of("13a", "none");

	static final List<String> SMOOTH_METHODS = List.of("exp", "floor", "add-k", "none");

	/** What Python's {@code math.log} stands in for at 0 in sacreBLEU ({@code my_log}). */
	private static final double LOG_OF_ZERO = -9999999999.0;

	public SacreBleu {
		if (!TOKENIZERS.contains(tokenize)) {
			throw new IllegalArgumentException("unknown tokenizer " + tokenize);
		}
		if (!SMOOTH_METHODS.contains(smoothMethod)) {
			throw new IllegalArgumentException("unknown smoothing " + smoothMethod);
		}
	}

	public static SacreBleu corpusDefaults() {
		return new SacreBleu("13a", false, "exp", Double.NaN, false);
	}

	public static SacreBleu sentenceDefaults() {
		return new SacreBleu("13a", false, "exp", Double.NaN, true);
	}

	public SacreBleu withTokenize(String tokenize) {
		return new SacreBleu(tokenize, lowercase, smoothMethod, smoothValue, effectiveOrder);
	}

	public SacreBleu withLowercase(boolean lowercase) {
		return new SacreBleu(tokenize, lowercase, smoothMethod, smoothValue, effectiveOrder);
	}

	public SacreBleu withSmoothing(String smoothMethod, double smoothValue) {
		return new SacreBleu(tokenize, lowercase, smoothMethod, smoothValue, effectiveOrder);
	}

	public SacreBleu withEffectiveOrder(boolean effectiveOrder) {
		return new SacreBleu(tokenize, lowercase, smoothMethod, smoothValue, effectiveOrder);
	}

	/**
	 * Corpus BLEU, as sacreBLEU's {@code corpus_score(hypotheses, references)}.
	 * @param hypotheses one per segment
	 * @param references reference streams: {@code references.get(k).get(i)} is the k-th reference
	 * of segment i; every stream has one entry per hypothesis
	 */
	public Result corpusScore(List<String> hypotheses, List<List<String>> references) {
		if (references.isEmpty()) {
			throw new IllegalArgumentException("BLEU needs at least one reference stream");
		}
		for (List<String> stream : references) {
			if (stream.size() != hypotheses.size()) {
				throw new IllegalArgumentException("a reference stream has " + stream.size() + " segments but there are "
						+ hypotheses.size() + " hypotheses");
			}
		}
		long[] stats = new long[2 + 2 * MAX_NGRAM_ORDER];
		for (int i = 0; i < hypotheses.size(); i++) {
			List<String> segmentRefs = new ArrayList<>(references.size());
			for (List<String> stream : references) {
				segmentRefs.add(stream.get(i));
			}
			long[] segment = segmentStatistics(hypotheses.get(i), segmentRefs);
			for (int s = 0; s < stats.length; s++) {
				stats[s] += segment[s];
			}
		}
		return fromStatistics(stats);
	}

	/** Sentence BLEU of one hypothesis against one or more references. */
	public Result sentenceScore(String hypothesis, List<String> references) {
		if (references.isEmpty()) {
			throw new IllegalArgumentException("BLEU needs at least one reference");
		}
		return fromStatistics(segmentStatistics(hypothesis, references));
	}

	/** [hypothesis length, closest reference length, correct 1..4, total 1..4]. */
	private long[] segmentStatistics(String hypothesis, List<String> references) {
		Map<List<String>, Integer> refNgrams = new HashMap<>();
		List<Integer> refLengths = new ArrayList<>();
		for (String reference : references) {
			List<String> tokens = words(preprocess(reference));
			refLengths.add(tokens.size());
			ngrams(tokens).forEach((ngram, count) -> refNgrams.merge(ngram, count, Math::max));
		}
		List<String> hypTokens = words(preprocess(hypothesis));
		long[] stats = new long[2 + 2 * MAX_NGRAM_ORDER];
		stats[0] = hypTokens.size();
		stats[1] = closestReferenceLength(hypTokens.size(), refLengths);
		ngrams(hypTokens).forEach((ngram, count) -> {
			int n = ngram.size() - 1;
			stats[2 + MAX_NGRAM_ORDER + n] += count;
			stats[2 + n] += Math.min(count, refNgrams.getOrDefault(ngram, 0));
		});
		return stats;
	}

	private static int closestReferenceLength(int hypLength, List<Integer> refLengths) {
		int closestDiff = -1;
		int closestLength = -1;
		for (int refLength : refLengths) {
			int diff = Math.abs(hypLength - refLength);
			if (closestDiff == -1 || diff < closestDiff) {
				closestDiff = diff;
				closestLength = refLength;
			}
			else if (diff == closestDiff && refLength < closestLength) {
				closestLength = refLength;
			}
		}
		return closestLength;
	}

	Result fromStatistics(long[] stats) {
		double[] correct = new double[MAX_NGRAM_ORDER];
		double[] total = new double[MAX_NGRAM_ORDER];
		for (int n = 0; n < MAX_NGRAM_ORDER; n++) {
			correct[n] = stats[2 + n];
			total[n] = stats[2 + MAX_NGRAM_ORDER + n];
		}
		return compute(correct, total, (int) stats[0], (int) stats[1]);
	}

	/** sacreBLEU's {@code compute_bleu} on sufficient statistics. */
	Result compute(double[] correct, double[] total, int sysLength, int refLength) {
		double value = Double.isNaN(smoothValue) ? defaultSmoothValue() : smoothValue;
		double bp;
		if (sysLength < refLength) {
			bp = sysLength > 0 ? Math.exp(1.0 - (double) refLength / sysLength) : 0.0;
		}
		else {
			bp = 1.0;
		}
		double[] precisions = new double[MAX_NGRAM_ORDER];
		if (Arrays.stream(correct).allMatch(c -> c == 0)) {
			return new Result(0.0, correct, total, precisions, bp, sysLength, refLength);
		}
		double smoothMteval = 1.0;
		int order = MAX_NGRAM_ORDER;
		for (int n = 1; n <= MAX_NGRAM_ORDER; n++) {
			if (smoothMethod.equals("add-k") && n > 1) {
				correct[n - 1] += value;
				total[n - 1] += value;
			}
			if (total[n - 1] == 0) {
				break;
			}
			if (effectiveOrder) {
				order = n;
			}
			if (correct[n - 1] == 0) {
				if (smoothMethod.equals("exp")) {
					smoothMteval *= 2;
					precisions[n - 1] = 100.0 / (smoothMteval * total[n - 1]);
				}
				else if (smoothMethod.equals("floor")) {
					precisions[n - 1] = 100.0 * value / total[n - 1];
				}
			}
			else {
				precisions[n - 1] = 100.0 * correct[n - 1] / total[n - 1];
			}
		}
		double logSum = 0.0;
		for (int n = 0; n < order; n++) {
			logSum += precisions[n] > 0 ? Math.log(precisions[n]) : LOG_OF_ZERO;
		}
		double score = bp * Math.exp(logSum / order);
		return new Result(score, correct, total, precisions, bp, sysLength, refLength);
	}

	private double defaultSmoothValue() {
		return switch (smoothMethod) {
			case "floor" -> 0.1;
			case "add-k" -> 1.0;
			default -> 0.0;
		};
	}

	private String preprocess(String sentence) {
		String s = lowercase ? sentence.toLowerCase(Locale.ROOT) : sentence;
		s = Tokenizer13a.TRAILING_WHITESPACE.matcher(s).replaceFirst("");
		return tokenize.equals("13a") ? Tokenizer13a.tokenize(s) : s;
	}

	/** Python's {@code str.split()}: runs of (Unicode) whitespace separate, none are kept. */
	static List<String> words(String line) {
		return Arrays.stream(Tokenizer13a.WHITESPACE.split(line)).filter(w -> !w.isEmpty()).toList();
	}

	private static Map<List<String>, Integer> ngrams(List<String> tokens) {
		Map<List<String>, Integer> counts = new HashMap<>();
		for (int n = 1; n <= MAX_NGRAM_ORDER; n++) {
			for (int i = 0; i + n <= tokens.size(); i++) {
				counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
			}
		}
		return counts;
	}

	/**
	 * A BLEU score with its statistics, as sacreBLEU's {@code BLEUScore}.
	 * @param score BLEU on the 0–100 scale
	 * @param counts matched n-grams per order (add-k smoothing adds to them, as in sacreBLEU)
	 * @param totals hypothesis n-grams per order
	 * @param precisions n-gram precisions per order, 0–100
	 * @param bp brevity penalty
	 * @param sysLength hypothesis length in tokens
	 * @param refLength reference length in tokens
	 */
	public record Result(double score, double[] counts, double[] totals, double[] precisions, double bp, int sysLength,
			int refLength) {
	}

	/** The mteval-v13a tokenizer as sacreBLEU implements it ({@code tokenizer_13a.py}). */
	static final class Tokenizer13a {

		static final Pattern WHITESPACE = Pattern.compile("(?U)\\s+");

		static final Pattern TRAILING_WHITESPACE = Pattern.compile("(?U)\\s+$");

		private static final Pattern PUNCTUATION = Pattern.compile("([\\{-~\\[-` -&(-+:-@/])");

		private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");

		private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");

		private static final Pattern DASH_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

		private Tokenizer13a() {
		}

		static String tokenize(String line) {
			String s = line.replace("<skipped>", "")
				.replace("-\n", "")
				.replace("\n", " ")
				.replace("&quot;", "\"")
				.replace("&amp;", "&")
				.replace("&lt;", "<")
				.replace("&gt;", ">");
			s = " " + s + " ";
			s = PUNCTUATION.matcher(s).replaceAll(" $1 ");
			s = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(s).replaceAll("$1 $2 ");
			s = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(s).replaceAll(" $1 $2");
			s = DASH_AFTER_DIGIT.matcher(s).replaceAll("$1 $2 ");
			return String.join(" ", words(s));
		}

	}

}
