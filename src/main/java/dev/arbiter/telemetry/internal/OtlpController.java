package dev.arbiter.telemetry.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.shared.InvalidInput;
import dev.arbiter.tenancy.Caller;
import dev.arbiter.telemetry.EventIngestion;
import dev.arbiter.telemetry.EventSource;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/traces}, the OTLP/HTTP trace receiver, so an application's OpenTelemetry
 * exporter can send its GenAI spans straight to Arbiter with the API key as a Bearer token.
 * Takes {@code application/x-protobuf} or {@code application/json}, optionally gzipped, at most
 * 10 MB uncompressed, and answers an ExportTraceServiceResponse in the same encoding: empty when
 * every GenAI span was stored (or was already stored), with {@code partialSuccess} counting the
 * spans whose events were rejected and why. A body that is not an export request is a 400.
 */
@RestController
class OtlpController {

	static final int CHUNK = 1_000;

	private static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

	private final EventIngestion ingestion;

	private final ObjectMapper json;

	OtlpController(EventIngestion ingestion, ObjectMapper json) {
		this.ingestion = ingestion;
		this.json = json;
	}

	@PostMapping(path = "/v1/traces", consumes = "application/x-protobuf")
	ResponseEntity<byte[]> protobuf(Caller caller, HttpServletRequest request) throws IOException {
		var response = export(caller, OtlpSpans.fromProtobuf(body(request)));
		return ResponseEntity.ok().contentType(PROTOBUF).body(response.toByteArray());
	}

	@PostMapping(path = "/v1/traces", consumes = "application/json")
	ResponseEntity<String> json(Caller caller, HttpServletRequest request) throws IOException {
		var response = export(caller, OtlpSpans.fromJson(body(request), json));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(OtlpSpans.toJson(response));
	}

	private ExportTraceServiceResponse export(Caller caller, ExportTraceServiceRequest request) {
		var spans = OtlpSpans.genAiEvents(request);
		var problems = new ArrayList<>(spans.problems());
		var events = spans.events();
		for (int from = 0; from < events.size(); from += CHUNK) {
			List<JsonNode> chunk = List.copyOf(events.subList(from, Math.min(events.size(), from + CHUNK)));
			var result = ingestion.ingest(caller.orgId(), chunk, EventSource.OTLP, caller.keyId());
			for (var rejection : result.rejected()) {
				problems.add("span " + chunk.get(rejection.index()).path("requestId").asString() + ": "
						+ String.join("; ", rejection.reasons()));
			}
		}
		return OtlpSpans.response(problems.size(), summary(problems));
	}

	private static String summary(List<String> problems) {
		var shown = String.join(" | ", problems.subList(0, Math.min(10, problems.size())));
		return problems.size() > 10 ? shown + " | and " + (problems.size() - 10) + " more" : shown;
	}

	private static byte[] body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > EventController.MAX_BYTES) {
			throw new EventController.PayloadTooLarge(
					"The body has " + request.getContentLengthLong() + " bytes; at most " + EventController.MAX_BYTES + " are accepted");
		}
		InputStream in = request.getInputStream();
		if ("gzip".equalsIgnoreCase(request.getHeader("Content-Encoding"))) {
			try {
				in = new GZIPInputStream(in);
			}
			catch (ZipException e) {
				throw new InvalidInput("body", "Content-Encoding is gzip but the body is not gzip data");
			}
		}
		try (var limited = new EventController.Limited(in, EventController.MAX_BYTES)) {
			return limited.readAllBytes();
		}
		catch (ZipException | EOFException e) {
			if (in instanceof GZIPInputStream) {
				throw new InvalidInput("body", "corrupt gzip data: " + e.getMessage());
			}
			throw e;
		}
	}
}
