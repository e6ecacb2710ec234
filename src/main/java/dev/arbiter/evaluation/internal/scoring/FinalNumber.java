package dev.arbiter.evaluation.internal.scoring;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the number an answer ends on. In order of preference:
 * <ol>
 * <li>the first number after the last GSM8K marker {@code #### 42};</li>
 * <li>the last number inside the last {@code \boxed{...}};</li>
 * <li>the first number on the same line and within 40 characters after the last mention of
 * "answer" that is followed by one ("The answer is $1,234.5");</li>
 * <li>the last number in the text.</li>
 * </ol>
 * Numbers may be negative (also with U+2212), use commas as thousands separators ({@code 1,234.5}),
 * carry a currency sign, use an exponent, or (when fractions are on) be a fraction {@code 3/4} or
 * {@code \frac{3}{4}}.
 */
final class FinalNumber {

	private static final String NUMBER = "(?<![\\w.])-?(?:\\d{1,3}(?:,\\d{3})+(?!\\d)|\\d+)(?:\\.\\d+)?(?:[eE][-+]?\\d+)?"
			+ "|(?<![\\w.])-?\\.\\d+";

	private static final String FRACTION = "(?<![\\w./])(-?\\d+)\\s*/\\s*(\\d+)(?![\\d/.])";

	private static final Pattern NUMBER_ONLY = Pattern.compile(NUMBER);

	private static final Pattern NUMBER_OR_FRACTION = Pattern.compile("(?:" + FRACTION + ")|(" + NUMBER + ")");

	private static final Pattern LATEX_FRACTION = Pattern.compile("\\\\[dt]?frac\\s*\\{([^{}]*)}\\s*\\{([^{}]*)}");

	private static final Pattern ANSWER = Pattern.compile("(?i)\\banswer\\b");

	private static final int ANSWER_REACH = 40;

	private FinalNumber() {
	}

	static OptionalDouble in(String text, boolean fractions) {
		String s = clean(text);
		int marker = s.lastIndexOf("####");
		if (marker >= 0) {
			OptionalDouble n = first(s.substring(marker + 4), fractions);
			if (n.isPresent()) {
				return n;
			}
		}
		String boxed = lastBoxed(s);
		if (boxed != null) {
			OptionalDouble n = last(boxed, fractions);
			if (n.isPresent()) {
				return n;
			}
		}
		List<Integer> answers = new ArrayList<>();
		Matcher answer = ANSWER.matcher(s);
		while (answer.find()) {
			answers.add(answer.end());
		}
		for (int i = answers.size() - 1; i >= 0; i--) {
			int from = answers.get(i);
			int newline = s.indexOf('\n', from);
			int to = Math.min(from + ANSWER_REACH, newline < 0 ? s.length() : newline);
			OptionalDouble n = first(s.substring(from, to), fractions);
			if (n.isPresent()) {
				return n;
			}
		}
		return last(s, fractions);
	}

	private static String clean(String text) {
		String s = Normalizer.normalize(text, Normalizer.Form.NFKC)
			.replace('\u2212', '-')
			.replace("{,}", ",")
			.replace("\\!", "")
			.replace("\\$", "$")
			.replace("\\%", "%");
		return LATEX_FRACTION.matcher(s).replaceAll("$1/$2");
	}

	/** The content of the last {@code \boxed{...}} (or {@code \fbox{...}}), braces balanced. */
	private static String lastBoxed(String s) {
		int start = Math.max(s.lastIndexOf("\\boxed{"), s.lastIndexOf("\\fbox{"));
		if (start < 0) {
			return null;
		}
		int open = s.indexOf('{', start);
		int depth = 0;
		for (int i = open; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '{') {
				depth++;
			}
			else if (c == '}' && --depth == 0) {
				return s.substring(open + 1, i);
			}
		}
		return s.substring(open + 1);
	}

	private static OptionalDouble first(String s, boolean fractions) {
		Matcher m = pattern(fractions).matcher(s);
		return m.find() ? value(m, fractions) : OptionalDouble.empty();
	}

	private static OptionalDouble last(String s, boolean fractions) {
		Matcher m = pattern(fractions).matcher(s);
		OptionalDouble found = OptionalDouble.empty();
		while (m.find()) {
			OptionalDouble v = value(m, fractions);
			if (v.isPresent()) {
				found = v;
			}
		}
		return found;
	}

	private static Pattern pattern(boolean fractions) {
		return fractions ? NUMBER_OR_FRACTION : NUMBER_ONLY;
	}

	private static OptionalDouble value(Matcher m, boolean fractions) {
		if (fractions && m.group(1) != null) {
			BigDecimal denominator = new BigDecimal(m.group(2));
			if (denominator.signum() == 0) {
				return OptionalDouble.empty();
			}
			return OptionalDouble.of(new BigDecimal(m.group(1)).doubleValue() / denominator.doubleValue());
		}
		String number = fractions ? m.group(3) : m.group();
		return OptionalDouble.of(new BigDecimal(number.replace(",", "")).doubleValue());
	}

}
