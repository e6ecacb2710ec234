package dev.arbiter.telemetry.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.shared.ArbiterException;
import dev.arbiter.shared.InvalidInput;
import dev.arbiter.tenancy.Caller;
import dev.arbiter.telemetry.EventIngestion;
import dev.arbiter.telemetry.EventSource;
import dev.arbiter.telemetry.IngestResult;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events}: a JSON array of events, or NDJSON (one event per line), at most
 * 10,000 events or 10 MB. Each event is judged on its own; the answer lists what was accepted,
 * what was a duplicate and what was rejected, with reasons. A 2xx means the accepted events
 * are committed.
 */
@RestController
@RequestMapping("/api/v1/events")
class EventController {

	static final int MAX_EVENTS = 10_000;

	static final long MAX_BYTES = 10L * 1024 * 1024;

	private final EventIngestion ingestion;

	private final ObjectMapper json;

	EventController(EventIngestion ingestion, ObjectMapper json) {
		this.ingestion = ingestion;
		this.json = json;
	}

	@PostMapping(consumes = { "application/json", "application/x-ndjson", "application/jsonl", "text/plain" })
	ResponseEntity<IngestResult> ingest(Caller caller, HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BYTES) {
			throw new PayloadTooLarge("The body has " + request.getContentLengthLong() + " bytes; at most " + MAX_BYTES + " are accepted");
		}
		var batch = read(new Limited(request.getInputStream(), MAX_BYTES));
		if (batch.isEmpty()) {
			throw new InvalidInput("body", "send a JSON array of events or NDJSON with one event per line");
		}
		var result = ingestion.ingest(caller.orgId(), batch, EventSource.API, caller.keyId());
		var status = result.accepted() + result.duplicates() == 0 ? HttpStatus.UNPROCESSABLE_ENTITY
				: result.rejected().isEmpty() ? HttpStatus.OK : HttpStatus.MULTI_STATUS;
		return ResponseEntity.status(status).body(result);
	}

	private List<JsonNode> read(InputStream body) {
		var batch = new ArrayList<JsonNode>();
		try (var values = json.readerFor(JsonNode.class).<JsonNode>readValues(body)) {
			while (values.hasNextValue()) {
				if (batch.size() == MAX_EVENTS) {
					throw new PayloadTooLarge("More than " + MAX_EVENTS + " events in one request; split the batch");
				}
				batch.add(values.nextValue());
			}
		}
		catch (JacksonException e) {
			if (e.getCause() instanceof PayloadTooLarge tooLarge) {
				throw tooLarge;
			}
			var location = e.getLocation();
			throw new InvalidInput("body", "malformed JSON" + (location == null ? "" : " at line " + location.getLineNr()
					+ ", column " + location.getColumnNr()) + " (event " + (batch.size() + 1) + "): " + e.getOriginalMessage());
		}
		return batch;
	}

	/** Counts bytes and stops reading past the limit. */
	static final class Limited extends FilterInputStream {

		private final long limit;

		private long read;

		Limited(InputStream in, long limit) {
			super(in);
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int b = super.read();
			if (b >= 0) {
				count(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = super.read(buffer, offset, length);
			if (n > 0) {
				count(n);
			}
			return n;
		}

		private void count(int n) {
			read += n;
			if (read > limit) {
				throw new PayloadTooLarge("The body is larger than " + limit + " bytes; split the batch");
			}
		}
	}

	static final class PayloadTooLarge extends ArbiterException {

		PayloadTooLarge(String message) {
			super(HttpStatus.CONTENT_TOO_LARGE, message);
		}
	}
}
