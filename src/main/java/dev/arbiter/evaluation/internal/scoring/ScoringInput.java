package dev.arbiter.evaluation.internal.scoring;

import java.util.List;
import java.util.Objects;

/**
 * What a scorer looks at: the item's prompt (for scorers that judge an answer in context), the
 * model's output and the item's expected answers (possibly none).
 */
public record ScoringInput(String prompt, String output, List<String> expected) {

	public ScoringInput {
		prompt = Objects.requireNonNullElse(prompt, "");
		output = Objects.requireNonNullElse(output, "");
		expected = expected == null ? List.of()
				: expected.stream().filter(Objects::nonNull).toList();
	}

	public static ScoringInput of(String output, String... expected) {
		return new ScoringInput("", output, List.of(expected));
	}

	public static ScoringInput of(String output, List<String> expected) {
		return new ScoringInput("", output, expected);
	}

	boolean hasExpected() {
		return !expected.isEmpty();
	}

}
