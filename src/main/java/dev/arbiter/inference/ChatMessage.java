package dev.arbiter.inference;

import java.util.Objects;

/** One message of a chat: {@code system}, {@code user} or {@code assistant} and its text. */
public record ChatMessage(String role, String content) {

	public ChatMessage {
		if (role == null || role.isBlank()) {
			throw new IllegalArgumentException("a chat message needs a role");
		}
		Objects.requireNonNull(content, "content");
	}

	public static ChatMessage system(String content) {
		return new ChatMessage("system", content);
	}

	public static ChatMessage user(String content) {
		return new ChatMessage("user", content);
	}

	public static ChatMessage assistant(String content) {
		return new ChatMessage("assistant", content);
	}

	public boolean isSystem() {
		return "system".equals(role);
	}
}
