package dev.arbiter.benchmark.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The JSON formats: JSON Lines (Arbiter's, GSM8K, OpenAI Evals) read a line at a time, and a JSON array read an element at a time. */
final class JsonItemFiles {

	/** For a line: one value, nothing after it. */
	private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

	/** For an array read element by element: each read stops where its element ends. */
	private static final ObjectMapper STREAM = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

	/** GSM8K's final answer: the last line that starts with {@code ####}. */
	private static final Pattern FINAL_ANSWER = Pattern.compile("(?m)^\\s*####\\s*(.*?)\\s*$");

	private JsonItemFiles() {
	}

	/** One JSON object a line; blank lines are skipped; {@code mapper} turns each object into an item. */
	static void lines(BufferedReader reader, Function<JsonNode, NewItem> mapper, Consumer<NewItem> sink) {
		long number = 0;
		while (true) {
			String line;
			try {
				line = reader.readLine();
			}
			catch (IOException e) {
				throw ItemFormat.notText(e, number + 1);
			}
			if (line == null) {
				return;
			}
			number++;
			if (line.isBlank()) {
				continue;
			}
			JsonNode node;
			try {
				node = JSON.readTree(line);
			}
			catch (JacksonException e) {
				throw ItemFileRejected.atLine(number, "malformed JSON: " + e.getOriginalMessage());
			}
			NewItem item;
			try {
				item = mapper.apply(node);
			}
			catch (ItemRejected e) {
				throw ItemFileRejected.atLine(number, e.getMessage());
			}
			sink.accept(item);
		}
	}

	/** One JSON array of Arbiter's item objects, read element by element with the streaming parser. */
	static void array(BufferedReader reader, Consumer<NewItem> sink) {
		try (var parser = STREAM.createParser(reader)) {
			var token = parser.nextToken();
			if (token != JsonToken.START_ARRAY) {
				throw ItemFileRejected.atLine(line(parser), "a JSON file must hold one array of items");
			}
			long record = 0;
			while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
				if (token == null) {
					throw ItemFileRejected.atLine(line(parser), "malformed JSON: the array is not closed");
				}
				record++;
				long line = parser.currentTokenLocation().getLineNr();
				JsonNode node = STREAM.readTree(parser);
				NewItem item;
				try {
					item = ItemJson.read(node);
				}
				catch (ItemRejected e) {
					throw new ItemFileRejected("record " + record + " (line " + line + ")", e.getMessage());
				}
				sink.accept(item);
			}
			if (parser.nextToken() != null) {
				throw ItemFileRejected.atLine(line(parser), "malformed JSON: content after the array");
			}
		}
		catch (JacksonException e) {
			if (e.getCause() instanceof IOException io) {
				throw ItemFormat.notText(io, e.getLocation() == null ? 1 : e.getLocation().getLineNr());
			}
			var line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
			throw ItemFileRejected.atLine(line, "malformed JSON: " + e.getOriginalMessage());
		}
	}

	private static long line(tools.jackson.core.JsonParser parser) {
		return Math.max(1, parser.currentLocation().getLineNr());
	}

	/** GSM8K: the question is the prompt; the number after {@code ####} the expected answer; the worked answer goes to metadata. */
	static NewItem gsm8k(JsonNode node) {
		requireObject(node);
		var question = ItemJson.prompt(required(node, "question"), "question");
		var answer = required(node, "answer");
		if (!answer.isString()) {
			throw new ItemRejected("answer", "'answer' must be a string");
		}
		var matcher = FINAL_ANSWER.matcher(answer.stringValue());
		String last = null;
		while (matcher.find()) {
			last = matcher.group(1);
		}
		if (last == null) {
			throw new ItemRejected("answer", "'answer' has no final line '#### <number>'");
		}
		var number = last.replace(",", "").replace("$", "").trim();
		if (number.isEmpty()) {
			throw new ItemRejected("answer", "'answer' ends with '####' but no number follows it");
		}
		var metadata = new LinkedHashMap<String, Object>();
		metadata.put("source", "gsm8k");
		metadata.put("solution", answer.stringValue());
		extras(node, List.of("question", "answer"), metadata);
		return new NewItem(question, null, List.of(number), null, List.of(), metadata);
	}

	/** OpenAI Evals: {@code input} is chat messages (or a plain prompt), {@code ideal} the accepted answer(s). */
	static NewItem openAiEvals(JsonNode node) {
		requireObject(node);
		var input = required(node, "input");
		var ideal = ItemJson.answers(required(node, "ideal"), "ideal");
		if (ideal.isEmpty()) {
			throw new ItemRejected("ideal", "'ideal' holds no answer");
		}
		var metadata = new LinkedHashMap<String, Object>();
		metadata.put("source", "openai-evals");
		extras(node, List.of("input", "ideal"), metadata);
		if (input.isString()) {
			return new NewItem(ItemJson.prompt(input, "input"), null, ideal, null, List.of(), metadata);
		}
		return new NewItem(null, ItemJson.messages(input, "input"), ideal, null, List.of(), metadata);
	}

	private static void requireObject(JsonNode node) {
		if (!node.isObject()) {
			throw new ItemRejected("", "each line must be a JSON object");
		}
	}

	private static JsonNode required(JsonNode node, String field) {
		var value = node.get(field);
		if (value == null || value.isNull()) {
			throw new ItemRejected(field, "missing '" + field + "'");
		}
		return value;
	}

	/** Fields a foreign format carries beyond what Arbiter reads are kept in the item's metadata. */
	private static void extras(JsonNode node, List<String> read, LinkedHashMap<String, Object> metadata) {
		for (var entry : node.properties()) {
			if (!read.contains(entry.getKey())) {
				metadata.putIfAbsent(entry.getKey(), JSON.treeToValue(entry.getValue(), Object.class));
			}
		}
	}
}
