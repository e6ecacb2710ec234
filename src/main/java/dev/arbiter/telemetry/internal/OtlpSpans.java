package dev.arbiter.telemetry.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.arbiter.shared.InvalidInput;

/**
 * OTLP trace exports, in protobuf or in the OTLP JSON encoding, and the metric events in them:
 * one per span that follows the OpenTelemetry GenAI semantic conventions (it names a model in
 * {@code gen_ai.request.model} or {@code gen_ai.response.model}); other spans are skipped. The
 * events are written in the JSON form {@link EventParser} reads, so they are validated, priced
 * and deduplicated like any other. A span's event id is derived from its trace and span ids, so
 * an exporter's retry stores nothing twice.
 */
final class OtlpSpans {

	private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser().ignoringUnknownFields();

	private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

	private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2})*");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private OtlpSpans() {
	}

	/** GenAI spans as events; spans that cannot become one (no trace or span id) with the reason. */
	record Extracted(List<ObjectNode> events, List<String> problems) {
	}

	static ExportTraceServiceRequest fromProtobuf(byte[] body) {
		try {
			return ExportTraceServiceRequest.parseFrom(body);
		}
		catch (InvalidProtocolBufferException e) {
			throw new InvalidInput("body", "not a protobuf ExportTraceServiceRequest: " + e.getMessage());
		}
	}

	/**
	 * Reads the OTLP JSON encoding. It differs from protobuf's canonical JSON mapping only in the
	 * trace and span ids, which are hex instead of base64: those are converted, the rest is left
	 * to protobuf's own JSON parser (lowerCamelCase names, int64 as strings or numbers, enums as
	 * integers, unknown fields ignored).
	 */
	static ExportTraceServiceRequest fromJson(byte[] body, ObjectMapper json) {
		JsonNode tree;
		try {
			tree = json.readTree(body);
		}
		catch (JacksonException e) {
			var location = e.getLocation();
			throw new InvalidInput("body", "malformed JSON" + (location == null ? "" : " at line " + location.getLineNr()
					+ ", column " + location.getColumnNr()) + ": " + e.getOriginalMessage());
		}
		if (tree == null || !tree.isObject()) {
			throw new InvalidInput("body", "must be a JSON ExportTraceServiceRequest object with resourceSpans");
		}
		for (var resourceSpans : tree.path("resourceSpans")) {
			for (var scopeSpans : resourceSpans.path("scopeSpans")) {
				for (var span : scopeSpans.path("spans")) {
					hexToBase64(span, "traceId", "spanId", "parentSpanId");
					for (var link : span.path("links")) {
						hexToBase64(link, "traceId", "spanId");
					}
				}
			}
		}
		var request = ExportTraceServiceRequest.newBuilder();
		try {
			JSON_PARSER.merge(tree.toString(), request);
		}
		catch (InvalidProtocolBufferException e) {
			throw new InvalidInput("body", "not an OTLP JSON ExportTraceServiceRequest: " + e.getMessage());
		}
		return request.build();
	}

	/** Hex ids (16 bytes for a trace, 8 for a span, or empty) become base64 for protobuf's parser. */
	private static void hexToBase64(JsonNode node, String... fields) {
		if (!(node instanceof ObjectNode object)) {
			return;
		}
		for (var field : fields) {
			var value = object.get(field);
			if (value == null || value.isNull()) {
				continue;
			}
			int length = field.equals("traceId") ? 32 : 16;
			var text = value.isString() ? value.asString() : "";
			if (!HEX.matcher(text).matches() || !(text.isEmpty() || text.length() == length)) {
				throw new InvalidInput("body", field + " must be " + length + " hex digits in OTLP JSON, got " + value);
			}
			object.put(field, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(text)));
		}
	}

	static String toJson(ExportTraceServiceResponse response) {
		try {
			return JSON_PRINTER.print(response);
		}
		catch (InvalidProtocolBufferException e) {
			throw new IllegalStateException(e);
		}
	}

	static ExportTraceServiceResponse response(int rejectedSpans, String errorMessage) {
		var response = ExportTraceServiceResponse.newBuilder();
		if (rejectedSpans > 0) {
			response.setPartialSuccess(
					ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejectedSpans).setErrorMessage(errorMessage));
		}
		return response.build();
	}

	static Extracted genAiEvents(ExportTraceServiceRequest request) {
		var events = new ArrayList<ObjectNode>();
		var problems = new ArrayList<String>();
		for (var resourceSpans : request.getResourceSpansList()) {
			var resource = resourceSpans.getResource().getAttributesList();
			for (var scopeSpans : resourceSpans.getScopeSpansList()) {
				for (var span : scopeSpans.getSpansList()) {
					var attributes = attributes(resource, span.getAttributesList());
					var model = firstText(attributes, "gen_ai.request.model", "gen_ai.response.model");
					if (model == null) {
						continue;
					}
					if (isEmpty(span.getTraceId()) || isEmpty(span.getSpanId())) {
						problems.add("span '" + span.getName() + "' has no traceId or spanId");
						continue;
					}
					events.add(event(span, model, attributes));
				}
			}
		}
		return new Extracted(events, problems);
	}

	private static ObjectNode event(Span span, String model, Map<String, AnyValue> attributes) {
		var traceId = HexFormat.of().formatHex(span.getTraceId().toByteArray());
		var spanId = HexFormat.of().formatHex(span.getSpanId().toByteArray());
		var event = NODES.objectNode();
		event.put("eventId", UUID.nameUUIDFromBytes(("otlp:" + traceId + ":" + spanId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.toString());
		event.put("model", model);
		event.put("correlationId", traceId);
		event.put("requestId", spanId);
		if (span.getStartTimeUnixNano() > 0) {
			event.put("timestamp", Instant.ofEpochSecond(0, span.getStartTimeUnixNano()).toString());
			if (span.getEndTimeUnixNano() >= span.getStartTimeUnixNano()) {
				event.put("latencyMs", (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6);
			}
		}
		putCount(event, "tokensIn", attributes, "gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens");
		putCount(event, "tokensOut", attributes, "gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens");
		var finishReason = finishReason(attributes.get("gen_ai.response.finish_reasons"));
		putText(event, "finishReason", finishReason);
		if (span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR) {
			var errorType = firstText(attributes, "error.type");
			var message = span.getStatus().getMessage().isBlank() ? null : span.getStatus().getMessage();
			event.put("success", false);
			event.put("errorType", shorten(errorType != null ? errorType : message != null ? message : "error", 200));
		}
		putText(event, "agent", firstText(attributes, "server.address"));
		putText(event, "domain", firstText(attributes, "arbiter.domain"));
		putText(event, "sessionId", firstText(attributes, "gen_ai.conversation.id", "session.id"));
		putText(event, "user", firstText(attributes, "enduser.id", "user.id"));
		var metadata = NODES.objectNode();
		putText(metadata, "provider", firstText(attributes, "gen_ai.provider.name", "gen_ai.system"));
		putText(metadata, "operation", firstText(attributes, "gen_ai.operation.name"));
		putText(metadata, "spanName", span.getName().isBlank() ? null : span.getName());
		putText(metadata, "service", firstText(attributes, "service.name"));
		var responseModel = firstText(attributes, "gen_ai.response.model");
		putText(metadata, "responseModel", model.equals(responseModel) ? null : responseModel);
		putText(metadata, "responseId", firstText(attributes, "gen_ai.response.id"));
		if (!metadata.isEmpty()) {
			event.set("metadata", metadata);
		}
		return event;
	}

	/** The resource's attributes overlaid with the span's. */
	private static Map<String, AnyValue> attributes(List<KeyValue> resource, List<KeyValue> span) {
		var attributes = new HashMap<String, AnyValue>();
		resource.forEach(kv -> attributes.put(kv.getKey(), kv.getValue()));
		span.forEach(kv -> attributes.put(kv.getKey(), kv.getValue()));
		return attributes;
	}

	private static String firstText(Map<String, AnyValue> attributes, String... keys) {
		for (var key : keys) {
			var text = text(attributes.get(key));
			if (text != null) {
				return text;
			}
		}
		return null;
	}

	private static String text(AnyValue value) {
		if (value == null) {
			return null;
		}
		var text = switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue().trim();
			case INT_VALUE -> Long.toString(value.getIntValue());
			case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
			case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
			default -> null;
		};
		return text == null || text.isEmpty() ? null : text;
	}

	/** The first finish reason: the attribute is an array, though some instrumentations send a string. */
	private static String finishReason(AnyValue value) {
		if (value != null && value.hasArrayValue()) {
			return value.getArrayValue().getValuesCount() == 0 ? null : text(value.getArrayValue().getValues(0));
		}
		return text(value);
	}

	/** Token counts as numbers; anything else is handed on as it is, for the parser to reject with a reason. */
	private static void putCount(ObjectNode event, String field, Map<String, AnyValue> attributes, String... keys) {
		for (var key : keys) {
			var value = attributes.get(key);
			if (value == null) {
				continue;
			}
			switch (value.getValueCase()) {
				case INT_VALUE -> event.put(field, value.getIntValue());
				case DOUBLE_VALUE -> event.put(field, value.getDoubleValue());
				case STRING_VALUE -> {
					try {
						event.put(field, Long.parseLong(value.getStringValue().trim()));
					}
					catch (NumberFormatException e) {
						event.put(field, value.getStringValue());
					}
				}
				default -> event.put(field, text(value));
			}
			return;
		}
	}

	private static void putText(ObjectNode node, String field, String value) {
		if (value != null) {
			node.put(field, value);
		}
	}

	private static boolean isEmpty(ByteString id) {
		for (int i = 0; i < id.size(); i++) {
			if (id.byteAt(i) != 0) {
				return false;
			}
		}
		return true;
	}

	private static String shorten(String text, int max) {
		return text.length() <= max ? text : text.substring(0, max);
	}
}
