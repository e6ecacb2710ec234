package dev.arbiter.evaluation.internal.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * ROUGE as Google's {@code rouge-score} package computes it ({@code rouge_scorer.py}): its
 * tokenizer (lowercase, every run of characters other than a–z and 0–9 becomes a space, optional
 * NLTK Porter stemming of tokens longer than 3 characters), ROUGE-N over n-gram counts, ROUGE-L
 * over the longest common subsequence and ROUGE-Lsum over the union LCS of newline-separated
 * sentences.
 *
 * @param variant {@code rouge1} … {@code rouge9}, {@code rougeL} or {@code rougeLsum}
 * @param stemming apply the Porter stemmer ({@code use_stemmer=True})
 */
record Rouge(String variant, boolean stemming) {

	private static final Pattern VARIANT = Pattern.compile("rouge[1-9]|rougeL|rougeLsum");

	private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private static final Pattern VALID_TOKEN = Pattern.compile("^[a-z0-9]+$");

	Rouge {
		if (!isVariant(variant)) {
			throw new IllegalArgumentException("unknown ROUGE variant " + variant);
		}
	}

	static boolean isVariant(String variant) {
		return variant != null && VARIANT.matcher(variant).matches();
	}

	/** Precision, recall and F1 of the prediction against the target. */
	record Result(double precision, double recall, double fmeasure) {

		static final Result ZERO = new Result(0, 0, 0);

		static Result of(double precision, double recall) {
			double f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
			return new Result(precision, recall, f);
		}

	}

	Result score(String target, String prediction) {
		if (variant.equals("rougeL")) {
			return lcs(tokenize(target), tokenize(prediction));
		}
		if (variant.equals("rougeLsum")) {
			return summaryLevelLcs(sentences(target), sentences(prediction));
		}
		int n = variant.charAt(5) - '0';
		return ngramOverlap(ngrams(tokenize(target), n), ngrams(tokenize(prediction), n));
	}

	/** The best score over several targets by F-measure, as {@code score_multi} picks it. */
	Result scoreBest(List<String> targets, String prediction) {
		Result best = null;
		for (String target : targets) {
			Result r = score(target, prediction);
			if (best == null || r.fmeasure() > best.fmeasure()) {
				best = r;
			}
		}
		return best == null ? Result.ZERO : best;
	}

	List<String> tokenize(String text) {
		String s = NON_ALPHANUMERIC.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
		List<String> tokens = new ArrayList<>();
		for (String token : SPACES.split(s)) {
			String t = stemming && token.length() > 3 ? PorterStemmer.stem(token) : token;
			if (VALID_TOKEN.matcher(t).matches()) {
				tokens.add(t);
			}
		}
		return tokens;
	}

	private List<List<String>> sentences(String text) {
		List<List<String>> sentences = new ArrayList<>();
		for (String line : text.split("\n", -1)) {
			if (!line.isEmpty()) {
				sentences.add(tokenize(line));
			}
		}
		return sentences;
	}

	private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
		Map<List<String>, Integer> counts = new HashMap<>();
		for (int i = 0; i + n <= tokens.size(); i++) {
			counts.merge(tokens.subList(i, i + n), 1, Integer::sum);
		}
		return counts;
	}

	private static Result ngramOverlap(Map<List<String>, Integer> target, Map<List<String>, Integer> prediction) {
		int overlap = 0;
		for (var entry : target.entrySet()) {
			overlap += Math.min(entry.getValue(), prediction.getOrDefault(entry.getKey(), 0));
		}
		int targetCount = target.values().stream().mapToInt(Integer::intValue).sum();
		int predictionCount = prediction.values().stream().mapToInt(Integer::intValue).sum();
		return Result.of((double) overlap / Math.max(predictionCount, 1), (double) overlap / Math.max(targetCount, 1));
	}

	private static Result lcs(List<String> target, List<String> prediction) {
		if (target.isEmpty() || prediction.isEmpty()) {
			return Result.ZERO;
		}
		int length = lcsTable(target, prediction)[target.size()][prediction.size()];
		return Result.of((double) length / prediction.size(), (double) length / target.size());
	}

	private static int[][] lcsTable(List<String> ref, List<String> can) {
		int[][] table = new int[ref.size() + 1][can.size() + 1];
		for (int i = 1; i <= ref.size(); i++) {
			for (int j = 1; j <= can.size(); j++) {
				table[i][j] = ref.get(i - 1).equals(can.get(j - 1)) ? table[i - 1][j - 1] + 1
						: Math.max(table[i - 1][j], table[i][j - 1]);
			}
		}
		return table;
	}

	/** Indices into {@code ref} of one longest common subsequence, read back as rouge-score does. */
	private static List<Integer> lcsIndices(List<String> ref, List<String> can) {
		int[][] t = lcsTable(ref, can);
		int i = ref.size();
		int j = can.size();
		List<Integer> indices = new ArrayList<>();
		while (i > 0 && j > 0) {
			if (ref.get(i - 1).equals(can.get(j - 1))) {
				indices.add(0, i - 1);
				i--;
				j--;
			}
			else if (t[i][j - 1] > t[i - 1][j]) {
				j--;
			}
			else {
				i--;
			}
		}
		return indices;
	}

	private static Result summaryLevelLcs(List<List<String>> refSentences, List<List<String>> canSentences) {
		if (refSentences.isEmpty() || canSentences.isEmpty()) {
			return Result.ZERO;
		}
		int m = refSentences.stream().mapToInt(List::size).sum();
		int n = canSentences.stream().mapToInt(List::size).sum();
		if (m == 0 || n == 0) {
			return Result.ZERO;
		}
		Map<String, Integer> refCounts = counts(refSentences);
		Map<String, Integer> canCounts = counts(canSentences);
		int hits = 0;
		for (List<String> ref : refSentences) {
			TreeSet<Integer> union = new TreeSet<>();
			for (List<String> can : canSentences) {
				union.addAll(lcsIndices(ref, can));
			}
			for (int index : union) {
				String token = ref.get(index);
				if (canCounts.getOrDefault(token, 0) > 0 && refCounts.getOrDefault(token, 0) > 0) {
					hits++;
					canCounts.merge(token, -1, Integer::sum);
					refCounts.merge(token, -1, Integer::sum);
				}
			}
		}
		return Result.of((double) hits / n, (double) hits / m);
	}

	private static Map<String, Integer> counts(List<List<String>> sentences) {
		Map<String, Integer> counts = new HashMap<>();
		sentences.forEach(s -> s.forEach(token -> counts.merge(token, 1, Integer::sum)));
		return counts;
	}

}
