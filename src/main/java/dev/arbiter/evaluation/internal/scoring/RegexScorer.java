package dev.arbiter.evaluation.internal.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code regex}: 1 when the pattern is found in the output (or matches all of it with
 * {@code fullMatch: true}), else 0. The pattern comes from {@code pattern}; without it each
 * expected answer is used as a pattern and any match counts. {@code ignoreCase} (false) and
 * {@code dotAll} (false) set the usual flags. Default threshold 1.
 */
final class RegexScorer implements Scorer {

	private final String name;

	private final Pattern pattern;

	private final int flags;

	private final boolean fullMatch;

	private final double threshold;

	RegexScorer(ScorerConfig config) {
		this.name = config.name();
		int f = 0;
		if (config.bool("ignoreCase", false)) {
			f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
		}
		if (config.bool("dotAll", false)) {
			f |= Pattern.DOTALL;
		}
		this.flags = f;
		this.fullMatch = config.bool("fullMatch", false);
		String source = config.string("pattern", null);
		if (source != null) {
			if (source.isEmpty()) {
				throw new InvalidScoringConfig("pattern", "must not be empty");
			}
			try {
				this.pattern = Pattern.compile(source, flags);
			}
			catch (PatternSyntaxException ex) {
				throw new InvalidScoringConfig("pattern", "is not a valid regular expression: " + ex.getDescription(),
						ex);
			}
		}
		else {
			this.pattern = null;
		}
		this.threshold = config.threshold(1.0);
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public Score score(ScoringInput input) {
		List<Pattern> patterns = new ArrayList<>();
		if (pattern != null) {
			patterns.add(pattern);
		}
		else {
			if (!input.hasExpected()) {
				return Score.failed(name, "no pattern configured and no expected answer to use as one");
			}
			for (String expected : input.expected()) {
				try {
					patterns.add(Pattern.compile(expected, flags));
				}
				catch (PatternSyntaxException ex) {
					return Score.failed(name, "expected answer is not a valid pattern: " + ex.getDescription());
				}
			}
		}
		for (Pattern p : patterns) {
			var matcher = p.matcher(input.output());
			if (fullMatch ? matcher.matches() : matcher.find()) {
				return Score.of(name, 1.0, threshold, "matched /" + p.pattern() + "/");
			}
		}
		return Score.of(name, 0.0, threshold, "no match for " + patterns.stream().map(p -> "/" + p.pattern() + "/").toList());
	}

}
