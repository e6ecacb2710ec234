package dev.arbiter.telemetry.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.arbiter.telemetry.EventIngestion;
import dev.arbiter.telemetry.EventSource;

import org.springframework.stereotype.Component;

/**
 * Imports a log of model calls, one record per line, read as a stream: each line is converted
 * to an event by the format's converter and the events go through {@link EventIngestion} in
 * chunks of {@value #CHUNK}, each committed on its own. A line that cannot be converted or whose
 * event is invalid is reported with its line number; the others are stored. Events have
 * deterministic ids, so importing the same log again stores nothing new.
 */
@Component
class LogImport {

	static final int CHUNK = 1_000;

	static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

	static final int MAX_REPORTED = 1_000;

	private final EventIngestion ingestion;

	LogImport(EventIngestion ingestion) {
		this.ingestion = ingestion;
	}

	/** A line as an event, or why it cannot be one. */
	record Converted(ObjectNode event, String problem) {

		static Converted of(ObjectNode event) {
			return new Converted(event, null);
		}

		static Converted problem(String problem) {
			return new Converted(null, problem);
		}
	}

	/**
	 * What the import did. {@code lines} counts every line read, blank ones included;
	 * {@code rejections} lists the first {@value #MAX_REPORTED} rejected lines.
	 */
	record Result(long lines, long accepted, long duplicates, long rejected, List<LineRejection> rejections) {
	}

	record LineRejection(long line, List<String> reasons) {
	}

	Result run(UUID orgId, UUID apiKeyId, InputStream body, Function<String, Converted> converter) throws IOException {
		var run = new Run(orgId, apiKeyId);
		var lines = new Lines(body);
		for (var line = lines.next(); line != null; line = lines.next()) {
			if (line.tooLong()) {
				run.reject(lines.number, List.of("the line is longer than " + MAX_LINE_BYTES + " bytes"));
				continue;
			}
			var text = line.text().strip();
			if (lines.number == 1 && text.startsWith("\uFEFF")) {
				text = text.substring(1).strip();
			}
			if (text.isEmpty()) {
				continue;
			}
			var converted = converter.apply(text);
			if (converted.problem() != null) {
				run.reject(lines.number, List.of(converted.problem()));
			}
			else {
				run.add(lines.number, converted.event());
			}
		}
		run.flush();
		return new Result(lines.number, run.accepted, run.duplicates, run.rejected, run.rejections);
	}

	/** The counts so far and the chunk being filled. */
	private final class Run {

		private final UUID orgId;

		private final UUID apiKeyId;

		private final List<JsonNode> chunk = new ArrayList<>(CHUNK);

		private final List<Long> chunkLines = new ArrayList<>(CHUNK);

		private final List<LineRejection> rejections = new ArrayList<>();

		private long accepted;

		private long duplicates;

		private long rejected;

		Run(UUID orgId, UUID apiKeyId) {
			this.orgId = orgId;
			this.apiKeyId = apiKeyId;
		}

		void add(long line, JsonNode event) {
			chunk.add(event);
			chunkLines.add(line);
			if (chunk.size() == CHUNK) {
				flush();
			}
		}

		void flush() {
			if (chunk.isEmpty()) {
				return;
			}
			var result = ingestion.ingest(orgId, chunk, EventSource.IMPORT, apiKeyId);
			accepted += result.accepted();
			duplicates += result.duplicates();
			for (var rejection : result.rejected()) {
				reject(chunkLines.get(rejection.index()), rejection.reasons());
			}
			chunk.clear();
			chunkLines.clear();
		}

		void reject(long line, List<String> reasons) {
			rejected++;
			if (rejections.size() < MAX_REPORTED) {
				rejections.add(new LineRejection(line, reasons));
			}
		}
	}

	private record Line(String text, boolean tooLong) {
	}

	/** Lines of UTF-8 text, each at most {@link #MAX_LINE_BYTES}; a longer one is skipped and marked. */
	private static final class Lines {

		private final InputStream in;

		private final byte[] block = new byte[64 * 1024];

		private int position;

		private int limit;

		private final ByteArrayOutputStream line = new ByteArrayOutputStream();

		long number;

		Lines(InputStream in) {
			this.in = in;
		}

		Line next() throws IOException {
			line.reset();
			boolean tooLong = false;
			boolean started = false;
			while (true) {
				if (position == limit) {
					limit = Math.max(0, in.read(block));
					position = 0;
					if (limit == 0) {
						if (!started) {
							return null;
						}
						break;
					}
				}
				started = true;
				int from = position;
				while (position < limit && block[position] != '\n') {
					position++;
				}
				int length = position - from;
				if (tooLong || line.size() + length > MAX_LINE_BYTES) {
					tooLong = true;
				}
				else {
					line.write(block, from, length);
				}
				if (position < limit) {
					position++;
					break;
				}
			}
			number++;
			return new Line(tooLong ? "" : line.toString(StandardCharsets.UTF_8), tooLong);
		}
	}
}
