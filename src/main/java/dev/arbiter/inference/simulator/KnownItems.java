package dev.arbiter.inference.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.arbiter.inference.simulator.SimulatorConfig.Dataset;
import dev.arbiter.inference.simulator.SimulatorConfig.Item;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The items whose answers the simulator knows, indexed by normalised prompt (trimmed, runs of
 * whitespace collapsed to one space).
 *
 * <p>A message matches an item when it equals the item's prompt or, failing that, contains it (the
 * longest contained prompt wins), so a prompt template around the item still matches.
 */
final class KnownItems {

	/** An item and its position among the items of its domain, which drives the correctness draw. */
	record Known(Item item, int indexInDomain) {
	}

	/** Prompts at least this long are found inside messages through an index of their first characters. */
	private static final int PREFIX = 16;

	private final Map<String, Known> byPrompt = new HashMap<>();

	private final Map<String, List<String>> byPrefix = new HashMap<>();

	private final List<String> shortPrompts = new ArrayList<>();

	private final Map<String, List<String>> answersByDomain = new HashMap<>();

	KnownItems(List<Item> items) {
		var domainSizes = new HashMap<String, Integer>();
		var answers = new HashMap<String, Set<String>>();
		for (Item item : items) {
			String prompt = normalize(item.prompt());
			if (byPrompt.containsKey(prompt)) {
				continue;
			}
			int index = domainSizes.merge(item.domain(), 1, Integer::sum) - 1;
			byPrompt.put(prompt, new Known(item, index));
			if (prompt.length() >= PREFIX) {
				byPrefix.computeIfAbsent(prompt.substring(0, PREFIX), k -> new ArrayList<>(1)).add(prompt);
			}
			else {
				shortPrompts.add(prompt);
			}
			answers.computeIfAbsent(item.domain(), d -> new LinkedHashSet<>()).add(item.expected().strip());
		}
		answers.forEach((domain, set) -> answersByDomain.put(domain, List.copyOf(set)));
	}

	static KnownItems of(SimulatorConfig config) {
		var items = new ArrayList<Item>();
		for (Dataset dataset : config.datasets()) {
			items.addAll(read(dataset.path()));
		}
		items.addAll(config.items());
		return new KnownItems(items);
	}

	int size() {
		return byPrompt.size();
	}

	/** The known item that the message asks, or null. The message must be normalised. */
	Known find(String message) {
		Known exact = byPrompt.get(message);
		if (exact != null) {
			return exact;
		}
		String best = null;
		for (int i = 0; i + PREFIX <= message.length(); i++) {
			List<String> candidates = byPrefix.get(message.substring(i, i + PREFIX));
			if (candidates != null) {
				for (String prompt : candidates) {
					if ((best == null || prompt.length() > best.length()) && message.startsWith(prompt, i)) {
						best = prompt;
					}
				}
			}
		}
		if (best == null) {
			for (String prompt : shortPrompts) {
				if ((best == null || prompt.length() > best.length()) && message.contains(prompt)) {
					best = prompt;
				}
			}
		}
		return best == null ? null : byPrompt.get(best);
	}

	/** The distinct expected answers of a domain, in dataset order: material for plausible wrong answers. */
	List<String> answersOf(String domain) {
		return answersByDomain.getOrDefault(domain, List.of());
	}

	static String normalize(String text) {
		var out = new StringBuilder(text.length());
		boolean pendingSpace = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				pendingSpace = out.length() > 0;
			}
			else {
				if (pendingSpace) {
					out.append(' ');
					pendingSpace = false;
				}
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * Reads a JSONL dataset. Each line is an object with the prompt in {@code prompt} (or
	 * {@code question}, {@code input}, or the last user message of {@code messages}), the answer in
	 * {@code expected} (or {@code answer}) and an optional {@code domain}; other fields are ignored.
	 */
	static List<Item> read(Path path) {
		var mapper = JsonMapper.builder().build();
		var items = new ArrayList<Item>();
		List<String> lines;
		try {
			lines = Files.readAllLines(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read dataset " + path, ex);
		}
		for (int n = 0; n < lines.size(); n++) {
			String line = lines.get(n).strip();
			if (line.isEmpty()) {
				continue;
			}
			String where = path + ":" + (n + 1);
			try {
				JsonNode node = mapper.readTree(line);
				String prompt = firstText(node, "prompt", "question", "input");
				if (prompt == null) {
					prompt = lastUserContent(node.path("messages"));
				}
				String expected = firstText(node, "expected", "answer", "expected_answer");
				if (prompt == null || expected == null) {
					throw new IllegalArgumentException(where + ": an item needs a prompt and an expected answer");
				}
				items.add(new Item(prompt, expected, firstText(node, "domain")));
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(where + ": not a JSON object: " + ex.getOriginalMessage(), ex);
			}
		}
		return items;
	}

	private static String firstText(JsonNode node, String... fields) {
		for (String field : fields) {
			JsonNode value = node.path(field);
			if (value.isString() || value.isNumber() || value.isBoolean()) {
				return value.asString();
			}
		}
		return null;
	}

	private static String lastUserContent(JsonNode messages) {
		String content = null;
		for (JsonNode message : messages) {
			if ("user".equals(message.path("role").asString(null)) && message.path("content").isString()) {
				content = message.path("content").stringValue();
			}
		}
		return content;
	}

}
