package dev.arbiter.inference.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;

import dev.arbiter.inference.simulator.Draws.Purpose;
import dev.arbiter.inference.simulator.KnownItems.Known;
import dev.arbiter.inference.simulator.OpenAiWire.Usage;
import dev.arbiter.inference.simulator.Replies.Reply;
import dev.arbiter.inference.simulator.SimulatorConfig.Model;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/chat/completions}: decides the fate of a call (forced fault, simulated fault,
 * answer, latency) and hands the response to the {@link Responder}.
 *
 * <p>Every decision is a function of (config seed, model, normalised last user message, ordinal).
 * The ordinal is the request's {@code seed} field when it has one; otherwise it counts how many
 * earlier calls this simulator has seen for the same model and message (0 for the first). So the
 * first pass of an evaluation over a dataset is the same on every run with the same seed, a repeat
 * of a prompt draws afresh, and a client that sends {@code seed} gets the same reply every time.
 */
final class ChatCompletions {

	static final String FORCE_HEADER = "X-Sim-Force";

	static final String CORRECT_HEADER = "X-Sim-Correct";

	/** Replies are streamed in at most this many content chunks, split at word boundaries. */
	static final int MAX_STREAM_PIECES = 16;

	/** The ordinal counters are forgotten when there are more keys than this (memory bound). */
	private static final int MAX_ORDINAL_KEYS = 200_000;

	private final SimulatorConfig config;

	private final Map<String, ModelRuntime> models = new HashMap<>();

	private final KnownItems items;

	private final Replies replies;

	private final Responder responder;

	private final ConcurrentHashMap<Long, AtomicLong> ordinals = new ConcurrentHashMap<>();

	private record ModelRuntime(Model model, LogNormalLatency latency) {
	}

	ChatCompletions(SimulatorConfig config, KnownItems items, Responder responder) {
		this.config = config;
		this.items = items;
		this.replies = new Replies(items, config.answerTemplate());
		this.responder = responder;
		config.models().forEach(m -> models.put(m.name(), new ModelRuntime(m, LogNormalLatency.fit(m.latency()))));
	}

	void handle(HttpExchange exchange) {
		ChatRequest request = ChatRequest.parse(readBody(exchange));
		ModelRuntime runtime = models.get(request.model());
		if (runtime == null) {
			throw RequestFailed.modelNotFound(request.model());
		}
		Model model = runtime.model();
		String force = exchange.getRequestHeaders().getFirst(FORCE_HEADER);
		if (force != null) {
			switch (force.strip().toLowerCase(Locale.ROOT)) {
				case "error" -> throw RequestFailed.serverError();
				case "ratelimit" -> throw RequestFailed.rateLimited();
				case "timeout" -> {
					responder.holdThenClose(exchange, config.forceTimeoutMs());
					return;
				}
				default -> throw RequestFailed.invalidRequest(
						FORCE_HEADER + " must be error, timeout or ratelimit, got '" + force + "'", null);
			}
		}

		String message = KnownItems.normalize(request.lastUserText());
		long ordinal = request.seed() != null ? request.seed() : nextOrdinal(model.name(), message);
		Draws draws = Draws.of(config.seed(), model.name(), message, ordinal);

		double fault = draws.uniform(Purpose.FAULT);
		if (fault < model.errorRate()) {
			responder.errorLater(exchange, RequestFailed.serverError(), model.ttftMs());
			return;
		}
		if (fault < model.errorRate() + model.rateLimitRate()) {
			throw RequestFailed.rateLimited();
		}

		Reply reply = reply(model, message, ordinal, draws);
		String content = reply.content();
		String finishReason = "stop";
		if (request.maxTokens() != null) {
			String cut = Tokens.truncate(content, request.maxTokens());
			if (cut.length() < content.length()) {
				content = cut;
				finishReason = "length";
			}
		}
		var usage = new Usage(Tokens.prompt(request.messages()), Tokens.count(content));
		long latencyMs = Math.round(runtime.latency().sampleMs(draws.random(Purpose.LATENCY)));
		if (reply.correct() != null) {
			exchange.getResponseHeaders().set(CORRECT_HEADER, reply.correct().toString());
		}
		String id = "chatcmpl-sim" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
		long created = System.currentTimeMillis() / 1000;
		if (request.stream()) {
			var stream = new OpenAiWire.Stream(id, created, model.name(), request.includeUsage());
			stream(exchange, stream, content, finishReason, usage, model.ttftMs(), latencyMs);
		}
		else {
			responder.jsonLater(exchange, 200,
					OpenAiWire.completion(id, created, model.name(), content, finishReason, usage), latencyMs);
		}
	}

	private Reply reply(Model model, String message, long ordinal, Draws draws) {
		Known known = items.find(message);
		if (known == null) {
			return replies.generic(model, draws);
		}
		String domain = known.item().domain();
		boolean correct = Draws.correctness(config.seed(), model.name(), domain, ordinal,
				known.indexInDomain()) < model.accuracyFor(domain);
		return replies.answer(known, correct, draws);
	}

	/**
	 * The frames of a stream: the role chunk and the first piece at time to first token, the other
	 * pieces spread evenly until the sampled latency, the last frame carrying the finish chunk, the
	 * usage chunk when asked, and {@code [DONE]}.
	 */
	private void stream(HttpExchange exchange, OpenAiWire.Stream stream, String content, String finishReason,
			Usage usage, long ttftMs, long latencyMs) {
		List<String> pieces = pieces(content);
		var frames = new ArrayList<byte[]>(pieces.size() + 1);
		var first = new FrameBuilder().add(stream.roleChunk());
		if (!pieces.isEmpty()) {
			first.add(stream.contentChunk(pieces.get(0)));
		}
		frames.add(first.build());
		for (int i = 1; i < pieces.size(); i++) {
			frames.add(stream.contentChunk(pieces.get(i)));
		}
		var last = new FrameBuilder().add(frames.remove(frames.size() - 1)).add(stream.finishChunk(finishReason));
		if (stream.includeUsage()) {
			last.add(stream.usageChunk(usage));
		}
		frames.add(last.add(stream.done()).build());
		long rest = Math.max(0, latencyMs - ttftMs);
		long[] atMs = new long[frames.size()];
		for (int i = 0; i < atMs.length; i++) {
			atMs[i] = ttftMs + (atMs.length == 1 ? 0 : Math.round((double) rest * i / (atMs.length - 1)));
		}
		responder.stream(exchange, frames, atMs);
	}

	/** The content split before whitespace into at most {@link #MAX_STREAM_PIECES} pieces. */
	static List<String> pieces(String content) {
		var words = new ArrayList<String>();
		int start = 0;
		for (int i = 1; i < content.length(); i++) {
			if (Character.isWhitespace(content.charAt(i)) && !Character.isWhitespace(content.charAt(i - 1))) {
				words.add(content.substring(start, i));
				start = i;
			}
		}
		if (start < content.length()) {
			words.add(content.substring(start));
		}
		int perPiece = Math.max(1, (words.size() + MAX_STREAM_PIECES - 1) / MAX_STREAM_PIECES);
		var pieces = new ArrayList<String>();
		for (int i = 0; i < words.size(); i += perPiece) {
			pieces.add(String.join("", words.subList(i, Math.min(words.size(), i + perPiece))));
		}
		return pieces;
	}

	private long nextOrdinal(String model, String message) {
		if (ordinals.size() > MAX_ORDINAL_KEYS) {
			ordinals.clear();
		}
		long key = Draws.mix(Draws.hash(model) ^ Draws.hash(message));
		return ordinals.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement();
	}

	private static byte[] readBody(HttpExchange exchange) {
		try (var in = exchange.getRequestBody()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final class FrameBuilder {

		private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

		FrameBuilder add(byte[] event) {
			bytes.writeBytes(event);
			return this;
		}

		byte[] build() {
			return bytes.toByteArray();
		}

	}

	/** The fields of a chat completion request that the simulator uses. */
	record ChatRequest(String model, List<Tokens.Message> messages, boolean stream, boolean includeUsage,
			Integer maxTokens, Long seed) {

		/** The text of the last user message, or of the last message when no user spoke. */
		String lastUserText() {
			for (int i = messages.size() - 1; i >= 0; i--) {
				if ("user".equals(messages.get(i).role())) {
					return messages.get(i).content();
				}
			}
			return messages.get(messages.size() - 1).content();
		}

		static ChatRequest parse(byte[] body) {
			JsonNode root;
			try {
				root = OpenAiWire.JSON.readTree(body);
			}
			catch (JacksonException ex) {
				throw RequestFailed.malformedJson(ex.getOriginalMessage());
			}
			if (root == null || !root.isObject()) {
				throw RequestFailed.malformedJson("the body must be a JSON object");
			}
			JsonNode model = root.path("model");
			if (!model.isString() || model.stringValue().isBlank()) {
				throw RequestFailed.invalidRequest("you must provide a model parameter", "model");
			}
			JsonNode messages = root.path("messages");
			if (!messages.isArray() || messages.isEmpty()) {
				throw RequestFailed.invalidRequest("messages must be a non-empty array", "messages");
			}
			var parsed = new ArrayList<Tokens.Message>(messages.size());
			for (int i = 0; i < messages.size(); i++) {
				parsed.add(message(messages.get(i), "messages[" + i + "]"));
			}
			JsonNode n = root.path("n");
			if (!n.isMissingNode() && !n.isNull() && !(n.isIntegralNumber() && n.intValue() == 1)) {
				throw RequestFailed.invalidRequest("the simulator only supports n = 1", "n");
			}
			return new ChatRequest(model.stringValue(), parsed, bool(root, "stream"),
					bool(root.path("stream_options"), "include_usage"), maxTokens(root), optionalLong(root, "seed"));
		}

		private static Tokens.Message message(JsonNode node, String where) {
			if (!node.isObject() || !node.path("role").isString()) {
				throw RequestFailed.invalidRequest(where + " must be an object with a string role", where + ".role");
			}
			JsonNode content = node.path("content");
			String text;
			if (content.isString()) {
				text = content.stringValue();
			}
			else if (content.isArray()) {
				var joined = new StringBuilder();
				for (JsonNode part : content) {
					if (part.path("text").isString()) {
						joined.append(joined.length() > 0 ? "\n" : "").append(part.path("text").stringValue());
					}
				}
				text = joined.toString();
			}
			else if (content.isMissingNode() || content.isNull()) {
				text = "";
			}
			else {
				throw RequestFailed.invalidRequest(where + ".content must be a string or an array of parts",
						where + ".content");
			}
			JsonNode name = node.path("name");
			return new Tokens.Message(node.path("role").stringValue(), text, name.isString() ? name.stringValue() : null);
		}

		private static Integer maxTokens(JsonNode root) {
			for (String field : List.of("max_completion_tokens", "max_tokens")) {
				Long value = optionalLong(root, field);
				if (value != null) {
					if (value < 1 || value > Integer.MAX_VALUE) {
						throw RequestFailed.invalidRequest(field + " must be a positive integer", field);
					}
					return value.intValue();
				}
			}
			return null;
		}

		private static Long optionalLong(JsonNode root, String field) {
			JsonNode value = root.path(field);
			if (value.isMissingNode() || value.isNull()) {
				return null;
			}
			if (!value.isIntegralNumber() || !value.canConvertToLong()) {
				throw RequestFailed.invalidRequest(field + " must be an integer", field);
			}
			return value.longValue();
		}

		private static boolean bool(JsonNode node, String field) {
			JsonNode value = node.path(field);
			if (value.isMissingNode() || value.isNull()) {
				return false;
			}
			if (!value.isBoolean()) {
				throw RequestFailed.invalidRequest(field + " must be a boolean", field);
			}
			return value.booleanValue();
		}

	}

}
