package dev.arbiter.routing.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.arbiter.inference.AnthropicMessages;
import dev.arbiter.shared.Time;

/**
 * Speaks OpenAI's Chat Completions to clients and Anthropic's Messages API to an Anthropic agent:
 * the request is rewritten (system messages to {@code system}, text and image parts to content
 * blocks, {@code max_tokens} always set, {@code stop} to {@code stop_sequences}; fields the
 * Messages API does not know are left out), and the answer, plain or streamed, is rewritten back
 * into a {@code chat.completion} or {@code chat.completion.chunk} events ending in
 * {@code data: [DONE]}. Tools and JSON mode are not translated: the ranker keeps requests that
 * need them away from Anthropic agents.
 */
final class AnthropicWire {

	private AnthropicWire() {
	}

	/** The Messages API request for an OpenAI Chat Completions body. */
	static byte[] request(ObjectMapper json, JsonNode openAi, String upstreamModel, boolean stream) {
		ObjectNode body = json.createObjectNode();
		body.put("model", upstreamModel);
		var maxTokens = openAi.has("max_completion_tokens") ? openAi.path("max_completion_tokens")
				: openAi.has("max_tokens") ? openAi.path("max_tokens") : null;
		body.put("max_tokens", maxTokens != null && maxTokens.isIntegralNumber() ? maxTokens.asInt() : AnthropicMessages.DEFAULT_MAX_TOKENS);
		var system = new ArrayList<String>();
		ArrayNode messages = body.putArray("messages");
		for (var message : openAi.path("messages")) {
			var role = message.path("role").asString("");
			var content = message.path("content");
			if (role.equals("system") || role.equals("developer")) {
				system.add(GatewayController.text(content));
				continue;
			}
			var translated = messages.addObject().put("role", role.equals("assistant") ? "assistant" : "user");
			if (content.isString()) {
				translated.put("content", content.asString());
			}
			else {
				var blocks = translated.putArray("content");
				for (var part : content) {
					var type = part.path("type").asString("");
					if (type.equals("text")) {
						blocks.addObject().put("type", "text").put("text", part.path("text").asString(""));
					}
					else if (type.equals("image_url")) {
						blocks.add(image(json, part.path("image_url").path("url").asString("")));
					}
				}
			}
		}
		if (!system.isEmpty()) {
			body.put("system", String.join("\n\n", system));
		}
		copyNumber(openAi, body, "temperature", "temperature");
		copyNumber(openAi, body, "top_p", "top_p");
		var stop = openAi.path("stop");
		if (stop.isString()) {
			body.putArray("stop_sequences").add(stop.asString());
		}
		else if (stop.isArray()) {
			body.set("stop_sequences", stop);
		}
		if (stream) {
			body.put("stream", true);
		}
		return json.writeValueAsBytes(body);
	}

	private static ObjectNode image(ObjectMapper json, String url) {
		var block = json.createObjectNode().put("type", "image");
		var source = block.putObject("source");
		if (url.startsWith("data:") && url.contains(";base64,")) {
			source.put("type", "base64").put("media_type", url.substring(5, url.indexOf(';'))).put("data", url.substring(url.indexOf(',') + 1));
		}
		else {
			source.put("type", "url").put("url", url);
		}
		return block;
	}

	private static void copyNumber(JsonNode from, ObjectNode to, String name, String as) {
		if (from.path(name).isNumber()) {
			to.set(as, from.path(name));
		}
	}

	/** A {@code chat.completion} for a Messages API answer, or null when the answer is not one. */
	static byte[] completion(ObjectMapper json, byte[] anthropic, String model) {
		JsonNode message;
		try {
			message = json.readTree(anthropic);
		}
		catch (JacksonException e) {
			return null;
		}
		if (message == null || !message.path("content").isArray()) {
			return null;
		}
		var text = new StringBuilder();
		message.path("content").forEach(block -> {
			if ("text".equals(block.path("type").asString(""))) {
				text.append(block.path("text").asString(""));
			}
		});
		ObjectNode out = json.createObjectNode();
		out.put("id", "chatcmpl-" + message.path("id").asString("anthropic"));
		out.put("object", "chat.completion");
		out.put("created", Time.now().toEpochSecond());
		out.put("model", model);
		var choice = out.putArray("choices").addObject();
		choice.put("index", 0);
		choice.putObject("message").put("role", "assistant").put("content", text.toString());
		choice.putNull("logprobs");
		choice.put("finish_reason", AnthropicMessages.finishReason(message.path("stop_reason").asString(null)));
		usage(out, message.path("usage"), 0);
		return json.writeValueAsBytes(out);
	}

	/** OpenAI's error JSON for an Anthropic error answer (the status stays as it was). */
	static byte[] error(ObjectMapper json, byte[] anthropic) {
		String message;
		String type;
		try {
			var error = json.readTree(anthropic).path("error");
			message = error.path("message").asString("the Anthropic agent refused the request");
			type = error.path("type").asString("upstream_error");
		}
		catch (JacksonException e) {
			message = new String(anthropic, StandardCharsets.UTF_8);
			type = "upstream_error";
		}
		ObjectNode out = json.createObjectNode();
		out.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
		return json.writeValueAsBytes(out);
	}

	/** Sets {@code usage} from Anthropic's counts (cache reads and writes count as prompt tokens). */
	private static void usage(ObjectNode out, JsonNode usage, int knownInput) {
		if (!usage.isObject()) {
			return;
		}
		int in = usage.has("input_tokens") ? usage.path("input_tokens").asInt()
				+ usage.path("cache_creation_input_tokens").asInt(0) + usage.path("cache_read_input_tokens").asInt(0) : knownInput;
		int outTokens = usage.path("output_tokens").asInt(0);
		out.putObject("usage").put("prompt_tokens", in).put("completion_tokens", outTokens).put("total_tokens", in + outTokens);
	}

	/**
	 * Turns a Messages API event stream into Chat Completions chunks, one {@code data:} line at a
	 * time. {@link #complete()} tells whether the stream reached {@code message_stop}.
	 */
	static final class Stream {

		private final ObjectMapper json;

		private final String model;

		private final boolean includeUsage;

		private final long created = Time.now().toEpochSecond();

		private String id = "chatcmpl-anthropic";

		private int tokensIn;

		private int tokensOut;

		private String finishReason;

		private boolean complete;

		Stream(ObjectMapper json, String model, boolean includeUsage) {
			this.json = json;
			this.model = model;
			this.includeUsage = includeUsage;
		}

		/** The OpenAI SSE bytes for one line of the Anthropic stream (often none). */
		byte[] translate(String line) {
			if (!line.startsWith("data:")) {
				return null;
			}
			JsonNode event;
			try {
				event = json.readTree(line.substring(5).trim());
			}
			catch (JacksonException e) {
				return null;
			}
			switch (event.path("type").asString("")) {
				case "message_start" -> {
					var message = event.path("message");
					id = "chatcmpl-" + message.path("id").asString("anthropic");
					var usage = message.path("usage");
					tokensIn = usage.path("input_tokens").asInt(0) + usage.path("cache_creation_input_tokens").asInt(0)
							+ usage.path("cache_read_input_tokens").asInt(0);
					var chunk = chunk();
					((ObjectNode) chunk.path("choices").get(0).path("delta")).put("role", "assistant").put("content", "");
					return sse(chunk);
				}
				case "content_block_delta" -> {
					var delta = event.path("delta");
					if (!"text_delta".equals(delta.path("type").asString(""))) {
						return null;
					}
					var chunk = chunk();
					((ObjectNode) chunk.path("choices").get(0).path("delta")).put("content", delta.path("text").asString(""));
					return sse(chunk);
				}
				case "message_delta" -> {
					tokensOut = event.path("usage").path("output_tokens").asInt(tokensOut);
					finishReason = AnthropicMessages.finishReason(event.path("delta").path("stop_reason").asString(null));
					var chunk = chunk();
					((ObjectNode) chunk.path("choices").get(0)).put("finish_reason", finishReason);
					return sse(chunk);
				}
				case "message_stop" -> {
					complete = true;
					var tail = new StringBuilder();
					if (includeUsage) {
						ObjectNode chunk = json.createObjectNode();
						chunk.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
						chunk.putArray("choices");
						chunk.putObject("usage").put("prompt_tokens", tokensIn).put("completion_tokens", tokensOut)
							.put("total_tokens", tokensIn + tokensOut);
						tail.append("data: ").append(json.writeValueAsString(chunk)).append("\n\n");
					}
					tail.append("data: [DONE]\n\n");
					return tail.toString().getBytes(StandardCharsets.UTF_8);
				}
				default -> {
					return null;
				}
			}
		}

		private ObjectNode chunk() {
			ObjectNode chunk = json.createObjectNode();
			chunk.put("id", id).put("object", "chat.completion.chunk").put("created", created).put("model", model);
			var choice = chunk.putArray("choices").addObject();
			choice.put("index", 0);
			choice.putObject("delta");
			choice.putNull("logprobs");
			choice.putNull("finish_reason");
			return chunk;
		}

		private byte[] sse(JsonNode chunk) {
			return ("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8);
		}

		boolean complete() {
			return complete;
		}

		Integer tokensIn() {
			return complete ? tokensIn : null;
		}

		Integer tokensOut() {
			return complete ? tokensOut : null;
		}

		String finishReason() {
			return finishReason;
		}
	}
}
