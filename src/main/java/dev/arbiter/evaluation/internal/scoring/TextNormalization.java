package dev.arbiter.evaluation.internal.scoring;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How answers are made comparable before matching: Unicode NFKC always, then trimming, and by
 * default case folding, collapsing runs of whitespace and stripping trailing punctuation
 * ({@code "Paris."} matches {@code "paris"}).
 *
 * <p>Config keys: {@code caseSensitive} (false), {@code collapseWhitespace} (true),
 * {@code stripPunctuation} (true; trailing punctuation and closing quotes only).
 */
record TextNormalization(boolean caseSensitive, boolean collapseWhitespace, boolean stripPunctuation) {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\p{P}\\s]+$");

	static final TextNormalization DEFAULT = new TextNormalization(false, true, true);

	static TextNormalization from(ScorerConfig config) {
		return new TextNormalization(config.bool("caseSensitive", false), config.bool("collapseWhitespace", true),
				config.bool("stripPunctuation", true));
	}

	String apply(String text) {
		String s = Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
		if (collapseWhitespace) {
			s = WHITESPACE.matcher(s).replaceAll(" ");
		}
		if (stripPunctuation) {
			s = TRAILING_PUNCTUATION.matcher(s).replaceAll("");
		}
		if (!caseSensitive) {
			s = s.toLowerCase(Locale.ROOT);
		}
		return s;
	}

}
