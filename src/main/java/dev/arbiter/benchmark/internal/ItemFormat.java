package dev.arbiter.benchmark.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.arbiter.shared.InvalidInput;

/**
 * The file formats items are imported from ({@code ?format=}) and, for {@code jsonl} and
 * {@code csv}, exported to. Every reader streams: it holds one line or record at a time, never
 * the whole file, and reports a bad item as {@link ItemFileRejected} naming its line.
 */
public enum ItemFormat {

	/** Arbiter's own items, one JSON object a line (see {@link ItemJson}). */
	JSONL("jsonl", "application/x-ndjson"),
	/** Arbiter's own items as CSV with a header: prompt, expected, difficulty, tags ({@code |}-separated), metadata, messages. */
	CSV("csv", "text/csv"),
	/** Arbiter's own items as one JSON array. */
	JSON("json", "application/json"),
	/** GSM8K JSONL: {@code question}, and {@code answer} whose last line is {@code #### N}. */
	GSM8K("gsm8k", "application/x-ndjson"),
	/** MMLU CSV without a header: question, four choices A–D, answer letter. */
	MMLU("mmlu", "text/csv"),
	/** OpenAI Evals samples JSONL: {@code input} (chat messages) and {@code ideal} (a string or an array). */
	OPENAI_EVALS("openai-evals", "application/x-ndjson");

	private final String wire;

	private final String mediaType;

	ItemFormat(String wire, String mediaType) {
		this.wire = wire;
		this.mediaType = mediaType;
	}

	public String wire() {
		return wire;
	}

	public String mediaType() {
		return mediaType;
	}

	public boolean exportable() {
		return this == JSONL || this == CSV;
	}

	public static ItemFormat fromWire(String value) {
		if (value == null || value.isBlank()) {
			throw new InvalidInput("format", "is required: one of " + names());
		}
		return Arrays.stream(values())
			.filter(format -> format.wire.equalsIgnoreCase(value.trim()))
			.findFirst()
			.orElseThrow(() -> new InvalidInput("format", "'" + value + "' is not one of " + names()));
	}

	private static String names() {
		return Arrays.stream(values()).map(ItemFormat::wire).collect(Collectors.joining(", "));
	}

	/** Reads every item of {@code body} (UTF-8, an optional byte-order mark skipped) into {@code sink}, in file order. */
	void read(InputStream body, Consumer<NewItem> sink) {
		var reader = utf8(body);
		switch (this) {
			case JSONL -> JsonItemFiles.lines(reader, ItemJson::read, sink);
			case JSON -> JsonItemFiles.array(reader, sink);
			case GSM8K -> JsonItemFiles.lines(reader, JsonItemFiles::gsm8k, sink);
			case OPENAI_EVALS -> JsonItemFiles.lines(reader, JsonItemFiles::openAiEvals, sink);
			case CSV -> CsvItemFiles.ours(reader, sink);
			case MMLU -> CsvItemFiles.mmlu(reader, sink);
		}
	}

	@Override
	public String toString() {
		return wire;
	}

	private static BufferedReader utf8(InputStream body) {
		var decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		var reader = new PushbackReader(new InputStreamReader(body, decoder), 1);
		try {
			int first = reader.read();
			if (first != -1 && first != '\uFEFF') {
				reader.unread(first);
			}
		}
		catch (IOException e) {
			throw notText(e, 1);
		}
		return new BufferedReader(reader, 64 * 1024);
	}

	/**
	 * A failure to read the body: text that is not UTF-8 is the file's fault, anything else the
	 * connection's. The decoder reads ahead, so the bad byte is somewhere at or after {@code line}.
	 */
	static RuntimeException notText(IOException e, long line) {
		if (e instanceof java.nio.charset.CharacterCodingException) {
			return new ItemFileRejected("line " + line + " or later", "the file is not UTF-8 text");
		}
		return new UncheckedIOException("Reading the uploaded file failed", e);
	}
}
