package dev.arbiter.benchmark.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CSV formats, read a record at a time with Apache Commons CSV (RFC 4180: quoted cells may
 * hold commas, quotes and line breaks). Lines are counted in the file, header included; a record
 * that spans lines is named by the line it ends on.
 */
final class CsvItemFiles {

	/** Arbiter's CSV columns, in the order the export writes them. */
	static final List<String> COLUMNS = List.of("prompt", "expected", "difficulty", "tags", "metadata", "messages");

	static final String TAG_SEPARATOR = "|";

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	/** Commons CSV names the line in its messages: "... at line: 2, position: 8" or "(line 2) ...". */
	private static final java.util.regex.Pattern LINE_IN_MESSAGE = java.util.regex.Pattern
		.compile("\\s*at line: (\\d+)(?:, position: \\d+)?|\\(line (\\d+)\\)\\s*");

	private static final List<String> LETTERS = List.of("A", "B", "C", "D");

	private CsvItemFiles() {
	}

	/**
	 * Arbiter's CSV: a header naming some of {@link #COLUMNS} (at least {@code prompt} or
	 * {@code messages}), then one item a record. {@code tags} are separated by {@code |};
	 * {@code expected} is one answer, or a JSON array of answers when it starts with {@code [};
	 * {@code metadata} and {@code messages} are JSON.
	 */
	static void ours(BufferedReader reader, Consumer<NewItem> sink) {
		records(reader, new Consumer<>() {

			Map<String, Integer> columns;

			@Override
			public void accept(Row row) {
				if (columns == null) {
					columns = header(row);
					return;
				}
				if (row.record().size() != columns.size()) {
					throw ItemFileRejected.atLine(row.line(),
							"expected " + columns.size() + " columns as in the header, got " + row.record().size());
				}
				NewItem item;
				try {
					item = ItemJson.read(object(row.record(), columns));
				}
				catch (ItemRejected e) {
					throw ItemFileRejected.atLine(row.line(), e.getMessage());
				}
				sink.accept(item);
			}
		});
	}

	private static Map<String, Integer> header(Row row) {
		var columns = new LinkedHashMap<String, Integer>();
		for (int i = 0; i < row.record().size(); i++) {
			var name = row.record().get(i).strip().toLowerCase(Locale.ROOT);
			if (!COLUMNS.contains(name)) {
				throw ItemFileRejected.atLine(row.line(), "unknown column '" + row.record().get(i) + "' in the header (known: "
						+ String.join(", ", COLUMNS) + ")");
			}
			if (columns.put(name, i) != null) {
				throw ItemFileRejected.atLine(row.line(), "the header names '" + name + "' twice");
			}
		}
		if (!columns.containsKey("prompt") && !columns.containsKey("messages")) {
			throw ItemFileRejected.atLine(row.line(), "the header needs a 'prompt' (or 'messages') column");
		}
		return columns;
	}

	private static ObjectNode object(CSVRecord record, Map<String, Integer> columns) {
		var node = JSON.createObjectNode();
		var cells = new HashMap<String, String>();
		columns.forEach((name, index) -> cells.put(name, record.get(index)));
		text(cells.get("prompt")).ifPresent(prompt -> node.put("prompt", prompt));
		text(cells.get("messages")).ifPresent(messages -> node.set("messages", parse(messages, "messages")));
		text(cells.get("expected")).ifPresent(expected -> node.set("expected", listOrText(expected, "expected", null)));
		text(cells.get("difficulty")).map(String::strip).ifPresent(difficulty -> {
			try {
				node.put("difficulty", Integer.parseInt(difficulty));
			}
			catch (NumberFormatException e) {
				node.put("difficulty", difficulty);
			}
		});
		text(cells.get("tags")).ifPresent(tags -> node.set("tags", listOrText(tags, "tags", TAG_SEPARATOR)));
		text(cells.get("metadata")).ifPresent(metadata -> node.set("metadata", parse(metadata, "metadata")));
		return node;
	}

	/** A JSON array when the cell is one; else the text itself, or its parts split at {@code separator}. */
	private static JsonNode listOrText(String cell, String field, String separator) {
		if (cell.strip().startsWith("[")) {
			try {
				var node = JSON.readTree(cell);
				if (node.isArray()) {
					return node;
				}
			}
			catch (JacksonException e) {
				// Not JSON: an answer that merely starts with '['.
			}
		}
		if (separator == null) {
			return JSON.getNodeFactory().stringNode(cell);
		}
		var array = JSON.createArrayNode();
		for (var part : cell.split(java.util.regex.Pattern.quote(separator))) {
			if (!part.isBlank()) {
				array.add(part.strip());
			}
		}
		return array;
	}

	private static JsonNode parse(String cell, String field) {
		try {
			return JSON.readTree(cell);
		}
		catch (JacksonException e) {
			throw new ItemRejected(field, "'" + field + "' is not valid JSON: " + e.getOriginalMessage());
		}
	}

	private static java.util.Optional<String> text(String cell) {
		return cell == null || cell.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(cell);
	}

	/**
	 * MMLU: no header; each row is question, choices A–D, answer letter. The prompt is the
	 * question with the lettered choices and an instruction to answer with the letter; the letter
	 * is the expected answer. A first row that is a header ({@code ...,answer}) is skipped.
	 */
	static void mmlu(BufferedReader reader, Consumer<NewItem> sink) {
		records(reader, row -> {
			var record = row.record();
			if (row.line() == 1 && record.size() == 6 && record.get(5).strip().equalsIgnoreCase("answer")) {
				return;
			}
			if (record.size() != 6) {
				throw ItemFileRejected.atLine(row.line(),
						"an MMLU row has 6 columns (question, choices A–D, answer letter), got " + record.size());
			}
			var question = record.get(0).strip();
			if (question.isEmpty()) {
				throw ItemFileRejected.atLine(row.line(), "missing question");
			}
			var answer = record.get(5).strip().toUpperCase(Locale.ROOT);
			if (!LETTERS.contains(answer)) {
				throw ItemFileRejected.atLine(row.line(), "answer must be one of A, B, C, D, got '" + record.get(5) + "'");
			}
			var choices = new ArrayList<String>();
			var prompt = new StringBuilder(question).append("\n\n");
			for (int i = 0; i < 4; i++) {
				choices.add(record.get(i + 1));
				prompt.append(LETTERS.get(i)).append(". ").append(record.get(i + 1).strip()).append('\n');
			}
			prompt.append("\nAnswer with the letter of the correct choice (A, B, C or D).");
			var metadata = new LinkedHashMap<String, Object>();
			metadata.put("source", "mmlu");
			metadata.put("choices", choices);
			sink.accept(new NewItem(prompt.toString(), null, List.of(answer), null, List.of(), metadata));
		});
	}

	private record Row(CSVRecord record, long line) {
	}

	private static void records(BufferedReader reader, Consumer<Row> rows) {
		CSVParser parser;
		try {
			parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get().parse(reader);
		}
		catch (IOException e) {
			throw ItemFormat.notText(e, 1);
		}
		var iterator = parser.iterator();
		while (true) {
			CSVRecord record;
			try {
				if (!iterator.hasNext()) {
					return;
				}
				record = iterator.next();
			}
			catch (UncheckedIOException e) {
				long line = parser.getCurrentLineNumber() + 1;
				if (e.getCause() instanceof java.nio.charset.CharacterCodingException coding) {
					throw ItemFormat.notText(coding, line);
				}
				var message = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
				var at = LINE_IN_MESSAGE.matcher(message);
				if (at.find()) {
					line = Long.parseLong(at.group(1) != null ? at.group(1) : at.group(2));
				}
				throw ItemFileRejected.atLine(line, "malformed CSV: " + LINE_IN_MESSAGE.matcher(message).replaceAll("").strip());
			}
			rows.accept(new Row(record, parser.getCurrentLineNumber()));
		}
	}
}
