package dev.arbiter.benchmark;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One question of a suite: a plain {@code prompt} or chat {@code messages} (exactly one of the
 * two), the accepted answers, an optional difficulty 1–5, tags and free metadata.
 *
 * @param position     the item's place in its suite, from 1; items are read and exported in this order
 * @param promptSha256 SHA-256 (hex) of the normalised prompt or of the canonical JSON of the
 *                     messages; a suite holds each at most once
 */
public record SuiteItem(UUID id, UUID suiteId, int position, String prompt, List<ChatMessage> messages,
		List<String> expected, Integer difficulty, List<String> tags, Map<String, Object> metadata, String promptSha256,
		OffsetDateTime createdAt) {

	/** One message of a chat prompt, as in the OpenAI Chat Completions format. */
	public record ChatMessage(String role, String content) {
	}

	/** The prompt as one text: the prompt itself, or the messages' contents, one per paragraph. */
	public String promptText() {
		if (prompt != null) {
			return prompt;
		}
		var text = new StringBuilder();
		for (var message : messages) {
			if (!text.isEmpty()) {
				text.append("\n\n");
			}
			text.append(message.content());
		}
		return text.toString();
	}
}
