package dev.arbiter.inference.simulator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import dev.arbiter.inference.simulator.Draws.Purpose;
import dev.arbiter.inference.simulator.KnownItems.Known;
import dev.arbiter.inference.simulator.SimulatorConfig.Model;

/**
 * The text of a reply.
 *
 * <p>Answer format, so that scorers can read it:
 * <ul>
 * <li>a number or a single letter (multiple choice) is phrased with the answer template, by default
 * {@code The answer is 42.} or {@code The answer is B.};</li>
 * <li>any other expected answer is sent verbatim, with nothing around it;</li>
 * <li>a wrong number is a different number, a wrong letter a different letter (among A–D, or up to
 * the expected letter when it is later), a wrong yes/no/true/false its opposite, a wrong GSM8K-style
 * solution ending in {@code #### 72} the same text with a different final number, and any other
 * wrong answer another expected answer of the same domain (or "I am not sure." when there is
 * none);</li>
 * <li>a prompt the simulator does not know gets a filler paragraph of about the model's mean output
 * tokens (between half and one and a half times it), starting "This is a simulated reply from".</li>
 * </ul>
 */
final class Replies {

	record Reply(String content, Boolean correct) {
	}

	private static final Pattern NUMBER = Pattern.compile("[-+]?\\d[\\d,]*(\\.\\d+)?");

	private static final Pattern LETTER = Pattern.compile("[A-Za-z]");

	private static final Pattern FINAL_MARKER = Pattern.compile("(####\\s*)([-+]?\\d[\\d,]*(?:\\.\\d+)?)");

	private static final String[] WORDS = ("the model reads each request and writes a short answer that has no "
			+ "meaning beyond its length so clients can measure time tokens and cost under load while the "
			+ "router learns which path is fast cheap or accurate for every domain of work in the suite "
			+ "with simple words from a small list chosen to keep one token per word in most cases")
		.split(" ");

	private static final int[] WORD_TOKENS = new int[WORDS.length];

	static {
		for (int i = 0; i < WORDS.length; i++) {
			WORD_TOKENS[i] = Tokens.count(" " + WORDS[i]);
		}
	}

	private final KnownItems items;

	private final String answerTemplate;

	Replies(KnownItems items, String answerTemplate) {
		this.items = items;
		this.answerTemplate = answerTemplate;
	}

	/** The expected answer when {@code correct}, otherwise a plausible wrong one. */
	Reply answer(Known known, boolean correct, Draws draws) {
		String expected = known.item().expected().strip();
		String answer = correct ? expected : wrong(expected, known.item().domain(), draws.random(Purpose.WRONG_ANSWER));
		return new Reply(phrase(answer), correct);
	}

	/** A filler reply of about the model's mean output length. */
	Reply generic(Model model, Draws draws) {
		SplittableRandom random = draws.random(Purpose.FILLER);
		int target = Math.max(1, (int) Math.round(model.outputTokens().mean() * (0.5 + random.nextDouble())));
		var text = new StringBuilder("This is a simulated reply from ").append(model.name()).append('.');
		int tokens = Tokens.count(text.toString());
		int inSentence = 0;
		while (tokens < target) {
			int w = random.nextInt(WORDS.length);
			String word = WORDS[w];
			if (inSentence == 0) {
				word = Character.toUpperCase(word.charAt(0)) + word.substring(1);
			}
			text.append(' ').append(word);
			tokens += WORD_TOKENS[w];
			inSentence++;
			if (inSentence >= 8 + random.nextInt(8) || tokens >= target) {
				text.append('.');
				tokens++;
				inSentence = 0;
			}
		}
		return new Reply(text.toString(), null);
	}

	private String phrase(String answer) {
		return isShort(answer) ? answerTemplate.replace("{answer}", answer) : answer;
	}

	private static boolean isShort(String answer) {
		return NUMBER.matcher(answer).matches() || LETTER.matcher(answer).matches();
	}

	private String wrong(String expected, String domain, SplittableRandom random) {
		if (NUMBER.matcher(expected).matches()) {
			return wrongNumber(new BigDecimal(expected.replace(",", "")), random);
		}
		if (LETTER.matcher(expected).matches()) {
			return wrongLetter(expected.charAt(0), random);
		}
		int marker = expected.lastIndexOf("####");
		if (marker >= 0) {
			var matcher = FINAL_MARKER.matcher(expected);
			if (matcher.find(marker)) {
				String number = wrongNumber(new BigDecimal(matcher.group(2).replace(",", "")), random);
				return expected.substring(0, matcher.start(2)) + number + expected.substring(matcher.end(2));
			}
		}
		String flipped = flipped(expected);
		if (flipped != null) {
			return flipped;
		}
		List<String> others = items.answersOf(domain).stream()
			.filter(other -> !KnownItems.normalize(other).equalsIgnoreCase(KnownItems.normalize(expected)))
			.toList();
		if (!others.isEmpty()) {
			return others.get(random.nextInt(others.size()));
		}
		return expected.toLowerCase(Locale.ROOT).contains("not sure") ? "I do not know." : "I am not sure.";
	}

	private static String wrongNumber(BigDecimal expected, SplittableRandom random) {
		long spread = Math.max(1, expected.abs().longValue() / 5);
		BigDecimal delta = BigDecimal.valueOf(1 + random.nextLong(spread));
		BigDecimal wrong = random.nextBoolean() ? expected.add(delta) : expected.subtract(delta);
		return wrong.setScale(Math.max(0, expected.scale())).toPlainString();
	}

	private static String wrongLetter(char expected, SplittableRandom random) {
		char first = Character.isUpperCase(expected) ? 'A' : 'a';
		int choices = Math.max(4, expected - first + 1);
		int pick = random.nextInt(choices - 1);
		char wrong = (char) (first + pick);
		return String.valueOf(wrong >= expected ? (char) (wrong + 1) : wrong);
	}

	private static String flipped(String expected) {
		return switch (expected.toLowerCase(Locale.ROOT)) {
			case "yes" -> matchCase(expected, "no");
			case "no" -> matchCase(expected, "yes");
			case "true" -> matchCase(expected, "false");
			case "false" -> matchCase(expected, "true");
			default -> null;
		};
	}

	private static String matchCase(String model, String word) {
		if (model.equals(model.toUpperCase(Locale.ROOT))) {
			return word.toUpperCase(Locale.ROOT);
		}
		if (Character.isUpperCase(model.charAt(0))) {
			return Character.toUpperCase(word.charAt(0)) + word.substring(1);
		}
		return word;
	}

}
