package dev.arbiter.evaluation.internal.scoring;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The Porter stemmer as NLTK's {@code PorterStemmer} runs it in its default
 * {@code NLTK_EXTENSIONS} mode, which is what Google's {@code rouge-score} uses for
 * {@code use_stemmer=True}. That mode departs from Porter's 1980 paper in a few places (a table of
 * irregular forms, {@code ies}/{@code ied} on four-letter words, the {@code y → i} condition, the
 * {@code alli}, {@code fulli} and {@code logi} rules, no stemming of words of one or two letters),
 * so no other Java Porter implementation gives the same stems. Expects lower-case input.
 */
final class PorterStemmer {

	private static final Map<String, String> IRREGULAR = Map.ofEntries(Map.entry("sky", "sky"),
			Map.entry("skies", "sky"), Map.entry("dying", "die"), Map.entry("lying", "lie"), Map.entry("tying", "tie"),
			Map.entry("news", "news"), Map.entry("innings", "inning"), Map.entry("inning", "inning"),
			Map.entry("outings", "outing"), Map.entry("outing", "outing"), Map.entry("cannings", "canning"),
			Map.entry("canning", "canning"), Map.entry("howe", "howe"), Map.entry("proceed", "proceed"),
			Map.entry("exceed", "exceed"), Map.entry("succeed", "succeed"));

	private static final Rule[] STEP_2 = { new Rule("ational", "ate"), new Rule("tional", "tion"),
			new Rule("enci", "ence"), new Rule("anci", "ance"), new Rule("izer", "ize"), new Rule("bli", "ble"),
			new Rule("alli", "al"), new Rule("entli", "ent"), new Rule("eli", "e"), new Rule("ousli", "ous"),
			new Rule("ization", "ize"), new Rule("ation", "ate"), new Rule("ator", "ate"), new Rule("alism", "al"),
			new Rule("iveness", "ive"), new Rule("fulness", "ful"), new Rule("ousness", "ous"),
			new Rule("aliti", "al"), new Rule("iviti", "ive"), new Rule("biliti", "ble"), new Rule("fulli", "ful") };

	private static final Rule[] STEP_3 = { new Rule("icate", "ic"), new Rule("ative", ""), new Rule("alize", "al"),
			new Rule("iciti", "ic"), new Rule("ical", "ic"), new Rule("ful", ""), new Rule("ness", "") };

	private static final String[] STEP_4 = { "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment",
			"ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize" };

	private PorterStemmer() {
	}

	static String stem(String word) {
		String irregular = IRREGULAR.get(word);
		if (irregular != null) {
			return irregular;
		}
		if (word.length() <= 2) {
			return word;
		}
		String w = step1a(word);
		w = step1b(w);
		w = step1c(w);
		w = step2(w);
		w = step3(w);
		w = step4(w);
		w = step5a(w);
		return step5b(w);
	}

	private record Rule(String suffix, String replacement) {
	}

	private static boolean isConsonant(CharSequence word, int i) {
		char c = word.charAt(i);
		if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
			return false;
		}
		if (c == 'y') {
			return i == 0 || !isConsonant(word, i - 1);
		}
		return true;
	}

	/** Porter's m: the number of vowel-consonant sequences, [C](VC){m}[V]. */
	private static int measure(String stem) {
		int m = 0;
		for (int i = 1; i < stem.length(); i++) {
			if (!isConsonant(stem, i - 1) && isConsonant(stem, i)) {
				m++;
			}
		}
		return m;
	}

	private static boolean containsVowel(String stem) {
		for (int i = 0; i < stem.length(); i++) {
			if (!isConsonant(stem, i)) {
				return true;
			}
		}
		return false;
	}

	private static boolean endsDoubleConsonant(String word) {
		int n = word.length();
		return n >= 2 && word.charAt(n - 1) == word.charAt(n - 2) && isConsonant(word, n - 1);
	}

	/** Condition *o, with NLTK's addition of a two-letter vowel-consonant word. */
	private static boolean endsCvc(String word) {
		int n = word.length();
		if (n >= 3 && isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1)) {
			char last = word.charAt(n - 1);
			return last != 'w' && last != 'x' && last != 'y';
		}
		return n == 2 && !isConsonant(word, 0) && isConsonant(word, 1);
	}

	private static String cut(String word, String suffix) {
		return word.substring(0, word.length() - suffix.length());
	}

	/**
	 * The first rule whose suffix the word ends with decides: its replacement if the stem meets
	 * the condition, else the word unchanged (no later rule is tried).
	 */
	private static String applyFirst(String word, Rule[] rules, Predicate<String> condition) {
		for (Rule rule : rules) {
			if (word.endsWith(rule.suffix())) {
				String stem = cut(word, rule.suffix());
				return condition.test(stem) ? stem + rule.replacement() : word;
			}
		}
		return word;
	}

	private static String step1a(String word) {
		if (word.endsWith("ies") && word.length() == 4) {
			return cut(word, "ies") + "ie";
		}
		if (word.endsWith("sses")) {
			return cut(word, "sses") + "ss";
		}
		if (word.endsWith("ies")) {
			return cut(word, "ies") + "i";
		}
		if (word.endsWith("ss")) {
			return word;
		}
		if (word.endsWith("s")) {
			return cut(word, "s");
		}
		return word;
	}

	private static String step1b(String word) {
		if (word.endsWith("ied")) {
			return cut(word, "ied") + (word.length() == 4 ? "ie" : "i");
		}
		if (word.endsWith("eed")) {
			String stem = cut(word, "eed");
			return measure(stem) > 0 ? stem + "ee" : word;
		}
		String stem = null;
		for (String suffix : new String[] { "ed", "ing" }) {
			if (word.endsWith(suffix) && containsVowel(cut(word, suffix))) {
				stem = cut(word, suffix);
				break;
			}
		}
		if (stem == null) {
			return word;
		}
		if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
			return stem + "e";
		}
		if (endsDoubleConsonant(stem)) {
			char last = stem.charAt(stem.length() - 1);
			return (last != 'l' && last != 's' && last != 'z') ? stem.substring(0, stem.length() - 1) : stem;
		}
		if (measure(stem) == 1 && endsCvc(stem)) {
			return stem + "e";
		}
		return stem;
	}

	private static String step1c(String word) {
		if (word.endsWith("y")) {
			String stem = cut(word, "y");
			if (stem.length() > 1 && isConsonant(stem, stem.length() - 1)) {
				return stem + "i";
			}
		}
		return word;
	}

	private static String step2(String word) {
		if (word.endsWith("alli") && measure(cut(word, "alli")) > 0) {
			return step2(cut(word, "alli") + "al");
		}
		for (Rule rule : STEP_2) {
			if (word.endsWith(rule.suffix())) {
				return applyFirst(word, new Rule[] { rule }, stem -> measure(stem) > 0);
			}
		}
		if (word.endsWith("logi")) {
			// the 'l' stays with the stem for the measure, so that 'geo-', 'theo-' qualify
			return measure(cut(word, "ogi")) > 0 ? cut(word, "logi") + "log" : word;
		}
		return word;
	}

	private static String step3(String word) {
		return applyFirst(word, STEP_3, stem -> measure(stem) > 0);
	}

	private static String step4(String word) {
		for (String suffix : STEP_4) {
			if (word.endsWith(suffix)) {
				String stem = cut(word, suffix);
				boolean removable = measure(stem) > 1 && (!suffix.equals("ion")
						|| (!stem.isEmpty() && (stem.endsWith("s") || stem.endsWith("t"))));
				return removable ? stem : word;
			}
		}
		return word;
	}

	private static String step5a(String word) {
		if (word.endsWith("e")) {
			String stem = cut(word, "e");
			int m = measure(stem);
			if (m > 1 || (m == 1 && !endsCvc(stem))) {
				return stem;
			}
		}
		return word;
	}

	private static String step5b(String word) {
		if (word.endsWith("ll") && measure(cut(word, "l")) > 1) {
			return cut(word, "l");
		}
		return word;
	}

}
