package dev.arbiter.benchmark.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.arbiter.benchmark.SuiteItem.ChatMessage;

/**
 * An item as read from a request or a file, before it has an id and a position. Exactly one of
 * {@code prompt} and {@code messages} is set (the readers make sure of it).
 */
record NewItem(String prompt, List<ChatMessage> messages, List<String> expected, Integer difficulty, List<String> tags,
		Map<String, Object> metadata) {

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private static final ObjectMapper CANONICAL = JsonMapper.builder().build();

	NewItem {
		expected = expected == null ? List.of() : List.copyOf(expected);
		tags = tags == null ? List.of() : List.copyOf(tags);
		metadata = metadata == null ? Map.of() : metadata;
	}

	/**
	 * SHA-256 (hex) of what makes two items the same question: the normalised prompt (Unicode NFC,
	 * whitespace runs collapsed to one space, trimmed; case kept), or the canonical JSON of the
	 * messages with each content normalised the same way.
	 */
	String sha256() {
		String canonical;
		if (prompt != null) {
			canonical = normalise(prompt);
		}
		else {
			canonical = CANONICAL.writeValueAsString(
					messages.stream().map(m -> new ChatMessage(m.role(), normalise(m.content()))).toList());
		}
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every Java runtime has SHA-256", e);
		}
	}

	static String normalise(String text) {
		return WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").strip();
	}
}
