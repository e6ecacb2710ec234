package dev.arbiter.benchmark.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.arbiter.benchmark.SuiteItem.ChatMessage;

/**
 * Arbiter's own item object, the same in JSONL, JSON and {@code POST .../items}:
 * {@code {"prompt": "...", "expected": "..." | ["..."], "difficulty": 3, "tags": [...], "metadata": {...}}}
 * or {@code "messages": [{"role": "user", "content": "..."}]} instead of {@code prompt}. Unknown
 * fields are refused, so a typo such as {@code expcted} does not silently drop the answers.
 */
final class ItemJson {

	static final List<String> FIELDS = List.of("prompt", "messages", "expected", "difficulty", "tags", "metadata");

	static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

	static final int MAX_PROMPT = 1_000_000;

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private ItemJson() {
	}

	static NewItem read(JsonNode node) {
		if (node == null || !node.isObject()) {
			throw new ItemRejected("", "an item must be a JSON object");
		}
		for (var name : node.propertyNames()) {
			if (!FIELDS.contains(name)) {
				throw new ItemRejected(name, "unknown field '" + name + "' (known: " + String.join(", ", FIELDS) + ")");
			}
		}
		var prompt = node.get("prompt");
		var messages = node.get("messages");
		boolean hasPrompt = prompt != null && !prompt.isNull();
		boolean hasMessages = messages != null && !messages.isNull();
		if (hasPrompt && hasMessages) {
			throw new ItemRejected("prompt", "give either 'prompt' or 'messages', not both");
		}
		if (!hasPrompt && !hasMessages) {
			throw new ItemRejected("prompt", "missing 'prompt' (or 'messages')");
		}
		return new NewItem(hasPrompt ? prompt(prompt, "prompt") : null, hasMessages ? messages(messages, "messages") : null,
				answers(node.get("expected"), "expected"), difficulty(node.get("difficulty")), strings(node.get("tags"), "tags"),
				metadata(node.get("metadata")));
	}

	static String prompt(JsonNode node, String field) {
		if (!node.isString() || node.stringValue().isBlank()) {
			throw new ItemRejected(field, "'" + field + "' must be a non-empty string");
		}
		if (node.stringValue().length() > MAX_PROMPT) {
			throw new ItemRejected(field, "'" + field + "' is longer than " + MAX_PROMPT + " characters");
		}
		return node.stringValue();
	}

	/** Chat messages: a non-empty array of {@code {"role": ..., "content": "..."}}. */
	static List<ChatMessage> messages(JsonNode node, String field) {
		if (!node.isArray() || node.isEmpty()) {
			throw new ItemRejected(field, "'" + field + "' must be a non-empty array of chat messages");
		}
		var messages = new ArrayList<ChatMessage>();
		long length = 0;
		for (int i = 0; i < node.size(); i++) {
			var message = node.get(i);
			var where = field + "[" + i + "]";
			if (!message.isObject()) {
				throw new ItemRejected(where, "'" + where + "' must be an object with 'role' and 'content'");
			}
			var role = message.get("role");
			if (role == null || !role.isString() || !ROLES.contains(role.stringValue())) {
				throw new ItemRejected(where + ".role", "'" + where + ".role' must be one of " + String.join(", ", ROLES.stream().sorted().toList()));
			}
			var content = message.get("content");
			if (content == null || !content.isString()) {
				throw new ItemRejected(where + ".content", "'" + where + ".content' must be a string");
			}
			length += content.stringValue().length();
			messages.add(new ChatMessage(role.stringValue(), content.stringValue()));
		}
		if (length > MAX_PROMPT) {
			throw new ItemRejected(field, "'" + field + "' hold more than " + MAX_PROMPT + " characters");
		}
		return messages;
	}

	/** Accepted answers: a string, a number, or an array of them; missing means none. */
	static List<String> answers(JsonNode node, String field) {
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (node.isString() || node.isNumber() || node.isBoolean()) {
			return List.of(node.asString());
		}
		if (node.isArray()) {
			var answers = new ArrayList<String>();
			for (var answer : node) {
				if (!(answer.isString() || answer.isNumber() || answer.isBoolean())) {
					throw new ItemRejected(field, "'" + field + "' must be a string or an array of strings");
				}
				answers.add(answer.asString());
			}
			return answers;
		}
		throw new ItemRejected(field, "'" + field + "' must be a string or an array of strings");
	}

	static Integer difficulty(JsonNode node) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > 5) {
			throw new ItemRejected("difficulty", "difficulty must be 1–5, got " + node);
		}
		return node.intValue();
	}

	static List<String> strings(JsonNode node, String field) {
		if (node == null || node.isNull()) {
			return List.of();
		}
		if (!node.isArray()) {
			throw new ItemRejected(field, "'" + field + "' must be an array of strings");
		}
		var values = new ArrayList<String>();
		for (var value : node) {
			if (!value.isString() || value.stringValue().isBlank()) {
				throw new ItemRejected(field, "'" + field + "' must be an array of non-empty strings");
			}
			values.add(value.stringValue());
		}
		return values;
	}

	static Map<String, Object> metadata(JsonNode node) {
		if (node == null || node.isNull()) {
			return Map.of();
		}
		if (!node.isObject()) {
			throw new ItemRejected("metadata", "'metadata' must be a JSON object");
		}
		return new LinkedHashMap<>(JSON.convertValue(node, OBJECT));
	}
}
