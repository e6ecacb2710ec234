package dev.arbiter.evaluation.internal.scoring;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code choice}: 1 when the multiple-choice letter picked in the output equals the expected
 * letter, else 0. {@code choices} (4, at most 26) sets how many letters are valid: A–D by default.
 *
 * <p>The picked letter is, in order of preference: the letter after the last "answer is" /
 * "answer:" / "answer: option" (a lower-case letter only where it ends the phrase, as in
 * "Answer: d", so that "the answer is a bit…" picks nothing); the letter in the last {@code \boxed{}};
 * the last bold letter ({@code **C**}, {@code **(C)**}); a letter opening the output or a line
 * ("B.", "(B)", "B)"), or an output that is only a letter; the last parenthesised capital
 * ("(B)"). A capital that is just a word ("A dog…") is never taken. Default threshold 1.
 */
final class ChoiceScorer implements Scorer {

	private final String name;

	private final char last;

	private final double threshold;

	private final Pattern afterAnswer;

	private final Pattern boxed;

	private final Pattern bold;

	private final Pattern lineStart;

	private final Pattern alone;

	private final Pattern parenthesised;

	ChoiceScorer(ScorerConfig config) {
		this.name = config.name();
		int choices = config.integer("choices", 4, 2, 26);
		this.last = (char) ('A' + choices - 1);
		this.threshold = config.threshold(1.0);
		String upper = "[A-" + last + "]";
		String lower = "[a-" + Character.toLowerCase(last) + "]";
		String any = "[A-" + last + "a-" + Character.toLowerCase(last) + "]";
		this.afterAnswer = Pattern.compile("(?i:\\banswer\\b(?:\\s+(?:is|would be|should be))?\\s*[:=]?\\s*"
				+ "(?:(?:option|choice)\\s*[:=]?)?)\\s*[*_(\\[{\"']*\\s*(?:(" + upper + ")(?![\\p{L}\\p{N}])|(" + lower
				+ ")(?=\\s*(?:$|[.,:;)\\]*_\"'])))");
		this.boxed = Pattern.compile("\\\\boxed\\{\\s*(?:\\\\text\\{)?\\s*\\(?(" + any + ")\\)?\\s*}");
		this.bold = Pattern.compile("\\*\\*\\s*\\(?(" + upper + ")\\)?[.:)]?\\s*\\*\\*");
		this.lineStart = Pattern.compile("(?m)^\\s*[*_]*\\s*\\(?(" + upper + ")(?:[.:)]|\\)\\s)");
		this.alone = Pattern.compile("^\\s*[*_(\\[]*\\s*(" + any + ")\\s*[*_)\\].]*\\s*$");
		this.parenthesised = Pattern.compile("\\((" + upper + ")\\)");
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public Score score(ScoringInput input) {
		if (!input.hasExpected()) {
			return Score.failed(name, "no expected answer");
		}
		Optional<Character> picked = pick(input.output());
		if (picked.isEmpty()) {
			return Score.of(name, 0.0, threshold, "no choice between A and " + last + " found in the output");
		}
		Character expectedLetter = null;
		for (String expected : input.expected()) {
			Optional<Character> want = pick(expected);
			if (want.isPresent()) {
				expectedLetter = want.get();
				if (want.get().equals(picked.get())) {
					return Score.of(name, 1.0, threshold, "picked " + picked.get());
				}
			}
		}
		if (expectedLetter == null) {
			return Score.failed(name, "no choice between A and " + last + " in the expected answer");
		}
		return Score.of(name, 0.0, threshold, "picked " + picked.get() + " but expected " + expectedLetter);
	}

	Optional<Character> pick(String text) {
		for (Pattern p : new Pattern[] { afterAnswer, boxed, bold }) {
			Optional<Character> found = lastMatch(p, text);
			if (found.isPresent()) {
				return found;
			}
		}
		Matcher m = alone.matcher(text);
		if (m.find()) {
			return letter(m);
		}
		m = lineStart.matcher(text);
		if (m.find()) {
			return letter(m);
		}
		return lastMatch(parenthesised, text);
	}

	private static Optional<Character> lastMatch(Pattern p, String text) {
		Matcher m = p.matcher(text);
		Optional<Character> found = Optional.empty();
		while (m.find()) {
			found = letter(m);
		}
		return found;
	}

	private static Optional<Character> letter(Matcher m) {
		String letter = m.group(1) != null ? m.group(1) : m.group(2);
		return Optional.of(letter.toUpperCase(Locale.ROOT).charAt(0));
	}

}
