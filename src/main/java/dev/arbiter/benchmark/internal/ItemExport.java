package dev.arbiter.benchmark.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.benchmark.SuiteCatalog;
import dev.arbiter.benchmark.SuiteItem;

import org.springframework.stereotype.Component;

/**
 * Writes a suite's items in Arbiter's JSONL or CSV, in position order, reading a slice at a time
 * so a suite of any size streams out. What it writes imports back to the same items.
 */
@Component
class ItemExport {

	private static final int SLICE = 1000;

	private final SuiteCatalog catalog;

	private final ObjectMapper json;

	ItemExport(SuiteCatalog catalog, ObjectMapper json) {
		this.catalog = catalog;
		this.json = json;
	}

	void write(UUID orgId, UUID suiteId, ItemFormat format, OutputStream out) {
		var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
		try {
			if (format == ItemFormat.CSV) {
				var csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setHeader(CsvItemFiles.COLUMNS.toArray(String[]::new)).get());
				forEach(orgId, suiteId, item -> csv.printRecord(csvRecord(item)));
				csv.flush();
			}
			else {
				forEach(orgId, suiteId, item -> {
					writer.write(json.writeValueAsString(jsonObject(item)));
					writer.write('\n');
				});
			}
			writer.flush();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Writing the export failed", e);
		}
	}

	private interface ItemWriter {

		void write(SuiteItem item) throws IOException;
	}

	private void forEach(UUID orgId, UUID suiteId, ItemWriter writer) throws IOException {
		int after = 0;
		while (true) {
			var slice = catalog.items(orgId, suiteId, after, SLICE);
			for (var item : slice) {
				writer.write(item);
			}
			if (slice.size() < SLICE) {
				return;
			}
			after = slice.get(slice.size() - 1).position();
		}
	}

	private static LinkedHashMap<String, Object> jsonObject(SuiteItem item) {
		var object = new LinkedHashMap<String, Object>();
		if (item.prompt() != null) {
			object.put("prompt", item.prompt());
		}
		else {
			object.put("messages", item.messages());
		}
		object.put("expected", item.expected());
		if (item.difficulty() != null) {
			object.put("difficulty", item.difficulty());
		}
		if (!item.tags().isEmpty()) {
			object.put("tags", item.tags());
		}
		if (!item.metadata().isEmpty()) {
			object.put("metadata", item.metadata());
		}
		return object;
	}

	/** The columns of {@link CsvItemFiles#COLUMNS}: lists as JSON where the plain form would not read back the same. */
	private List<String> csvRecord(SuiteItem item) {
		var record = new ArrayList<String>();
		record.add(item.prompt() == null ? "" : item.prompt());
		var expected = item.expected();
		record.add(expected.isEmpty() ? ""
				: expected.size() == 1 && !expected.get(0).strip().startsWith("[") && !expected.get(0).isEmpty() ? expected.get(0)
						: json.writeValueAsString(expected));
		record.add(item.difficulty() == null ? "" : item.difficulty().toString());
		var tags = item.tags();
		boolean plainTags = tags.stream()
			.noneMatch(tag -> tag.contains(CsvItemFiles.TAG_SEPARATOR) || !tag.equals(tag.strip()) || tag.startsWith("["));
		record.add(tags.isEmpty() ? "" : plainTags ? String.join(CsvItemFiles.TAG_SEPARATOR, tags) : json.writeValueAsString(tags));
		record.add(item.metadata().isEmpty() ? "" : json.writeValueAsString(item.metadata()));
		record.add(item.messages() == null ? "" : json.writeValueAsString(item.messages()));
		return record;
	}
}
