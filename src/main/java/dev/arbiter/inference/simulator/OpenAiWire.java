package dev.arbiter.inference.simulator;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.arbiter.inference.simulator.SimulatorConfig.Model;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The OpenAI Chat Completions wire format: completions, stream chunks, model lists and errors. */
final class OpenAiWire {

	static final JsonMapper JSON = JsonMapper.builder().build();

	static final String SYSTEM_FINGERPRINT = "arbiter-simulator";

	static final String OWNER = "arbiter-simulator";

	/** The creation time reported for every simulated model (2025-01-01T00:00:00Z). */
	private static final long MODELS_CREATED = 1_735_689_600L;

	private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

	private OpenAiWire() {
	}

	record Usage(int promptTokens, int completionTokens) {

		ObjectNode toJson() {
			ObjectNode usage = JSON.createObjectNode();
			usage.put("prompt_tokens", promptTokens);
			usage.put("completion_tokens", completionTokens);
			usage.put("total_tokens", promptTokens + completionTokens);
			return usage;
		}

	}

	/** What every chunk of one streamed completion shares. */
	record Stream(String id, long created, String model, boolean includeUsage) {

		byte[] roleChunk() {
			ObjectNode delta = JSON.createObjectNode();
			delta.put("role", "assistant");
			delta.put("content", "");
			delta.putNull("refusal");
			return event(choiceChunk(delta, null));
		}

		byte[] contentChunk(String piece) {
			ObjectNode delta = JSON.createObjectNode();
			delta.put("content", piece);
			return event(choiceChunk(delta, null));
		}

		byte[] finishChunk(String finishReason) {
			return event(choiceChunk(JSON.createObjectNode(), finishReason));
		}

		byte[] usageChunk(Usage usage) {
			ObjectNode chunk = header();
			chunk.putArray("choices");
			chunk.set("usage", usage.toJson());
			return event(chunk);
		}

		byte[] done() {
			return DONE;
		}

		private ObjectNode choiceChunk(ObjectNode delta, String finishReason) {
			ObjectNode chunk = header();
			ObjectNode choice = chunk.putArray("choices").addObject();
			choice.put("index", 0);
			choice.set("delta", delta);
			choice.putNull("logprobs");
			choice.put("finish_reason", finishReason);
			if (includeUsage) {
				chunk.putNull("usage");
			}
			return chunk;
		}

		private ObjectNode header() {
			ObjectNode chunk = JSON.createObjectNode();
			chunk.put("id", id);
			chunk.put("object", "chat.completion.chunk");
			chunk.put("created", created);
			chunk.put("model", model);
			chunk.put("system_fingerprint", SYSTEM_FINGERPRINT);
			return chunk;
		}

		private static byte[] event(ObjectNode chunk) {
			byte[] json = JSON.writeValueAsBytes(chunk);
			byte[] event = new byte[json.length + 8];
			System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, event, 0, 6);
			System.arraycopy(json, 0, event, 6, json.length);
			event[event.length - 2] = '\n';
			event[event.length - 1] = '\n';
			return event;
		}

	}

	static byte[] completion(String id, long created, String model, String content, String finishReason, Usage usage) {
		ObjectNode body = JSON.createObjectNode();
		body.put("id", id);
		body.put("object", "chat.completion");
		body.put("created", created);
		body.put("model", model);
		ObjectNode choice = body.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", content);
		message.putNull("refusal");
		choice.putNull("logprobs");
		choice.put("finish_reason", finishReason);
		body.set("usage", usage.toJson());
		body.put("system_fingerprint", SYSTEM_FINGERPRINT);
		return JSON.writeValueAsBytes(body);
	}

	static byte[] models(List<Model> models) {
		ObjectNode body = JSON.createObjectNode();
		body.put("object", "list");
		var data = body.putArray("data");
		models.forEach(model -> data.add(model(model)));
		return JSON.writeValueAsBytes(body);
	}

	static ObjectNode model(Model model) {
		ObjectNode node = JSON.createObjectNode();
		node.put("id", model.name());
		node.put("object", "model");
		node.put("created", MODELS_CREATED);
		node.put("owned_by", OWNER);
		return node;
	}

	static byte[] error(RequestFailed failure) {
		ObjectNode body = JSON.createObjectNode();
		ObjectNode error = body.putObject("error");
		error.put("message", failure.getMessage());
		error.put("type", failure.type());
		error.put("param", failure.param());
		error.put("code", failure.code());
		return JSON.writeValueAsBytes(body);
	}

}
