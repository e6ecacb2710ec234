package dev.arbiter.inference.internal;

import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON mapper of the wire formats and the helpers they share. */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	/** Fields a caller's extras may not set: the call decides them. */
	private static final Set<String> RESERVED = Set.of("model", "messages", "stream", "stream_options");

	private Json() {
	}

	/** Adds the extras that neither name a reserved field nor one the request already set. */
	static void putExtra(ObjectNode body, Map<String, Object> extra) {
		extra.forEach((key, value) -> {
			if (!RESERVED.contains(key) && !body.has(key)) {
				body.set(key, value == null ? MAPPER.nullNode() : MAPPER.valueToTree(value));
			}
		});
	}

	/** A non-negative integer field, or null when absent. */
	static Integer count(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || value.asInt() < 0) {
			throw new UnexpectedAnswer(field + " is not a token count: " + value);
		}
		return value.asInt();
	}

	/** A text field, or null when absent or null. */
	static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || value.isNull() ? null : value.asString();
	}
}
