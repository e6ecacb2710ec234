package dev.arbiter.telemetry.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS Bedrock model-invocation log records, one per line, as CloudWatch Logs or S3 deliver them,
 * turned into events in the JSON form {@link EventParser} reads. A line is the record itself, a
 * CloudWatch export wrapper {@code {"timestamp": <epoch ms>, "message": "<the record as a string>"}},
 * or a CloudWatch S3 export line {@code <timestamp> <the record>}.
 *
 * <p>The model is {@code modelId} (the last segment of an ARN); tokens are
 * {@code input.inputTokenCount} and {@code output.outputTokenCount}; the finish reason, the
 * latency and the time to first byte come from {@code output.outputBodyJson} (Converse's
 * {@code stopReason} and {@code metrics.latencyMs}, a model's own {@code stop_reason}, or a
 * stream's {@code amazon-bedrock-invocationMetrics}); {@code errorCode} marks a failed call. The
 * event id is derived from {@code requestId}, so importing the same log twice stores it once.
 */
final class BedrockLogs {

	private static final Pattern PREFIXED = Pattern.compile("^(\\S+)\\s+(\\{.*)$", Pattern.DOTALL);

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private BedrockLogs() {
	}

	static LogImport.Converted event(String line, ObjectMapper json) {
		JsonNode fallbackTime = null;
		var matcher = PREFIXED.matcher(line);
		if (!line.startsWith("{") && matcher.matches()) {
			fallbackTime = NODES.stringNode(matcher.group(1));
			line = matcher.group(2);
		}
		var record = read(line, json);
		if (record == null) {
			return LogImport.Converted.problem("not a JSON object");
		}
		if (record.path("message").isString() && !record.has("modelId")) {
			fallbackTime = record.get("timestamp");
			record = read(record.path("message").asString(), json);
			if (record == null) {
				return LogImport.Converted.problem("message: not a JSON Bedrock invocation log record");
			}
		}
		var schema = record.path("schemaType").asString("");
		if (!schema.isEmpty() && !schema.equals("ModelInvocationLog")) {
			return LogImport.Converted.problem("schemaType: " + schema + " is not a ModelInvocationLog");
		}
		var modelId = text(record, "modelId");
		if (modelId == null) {
			return LogImport.Converted.problem("modelId: is required in a Bedrock invocation log record");
		}
		return LogImport.Converted.of(event(record, modelId, fallbackTime, line));
	}

	private static ObjectNode event(JsonNode record, String modelId, JsonNode fallbackTime, String line) {
		var event = NODES.objectNode();
		var requestId = text(record, "requestId");
		var idSource = "bedrock:" + (requestId != null ? requestId : line);
		event.put("eventId", UUID.nameUUIDFromBytes(idSource.getBytes(StandardCharsets.UTF_8)).toString());
		var model = modelId.startsWith("arn:") ? modelId.substring(modelId.lastIndexOf('/') + 1) : modelId;
		event.put("model", model);
		var time = record.get("timestamp");
		if (time != null && !time.isNull()) {
			event.set("timestamp", time);
		}
		else if (fallbackTime != null && !fallbackTime.isNull()) {
			event.set("timestamp", fallbackTime);
		}
		putText(event, "requestId", requestId);
		var input = record.path("input");
		var output = record.path("output");
		var body = output.path("outputBodyJson");
		putNumber(event, "tokensIn", input.get("inputTokenCount"), body.findValue("inputTokens"), body.findValue("input_tokens"));
		putNumber(event, "tokensOut", output.get("outputTokenCount"), body.findValue("outputTokens"), body.findValue("output_tokens"));
		var invocationMetrics = body.findValue("amazon-bedrock-invocationMetrics");
		var converseMetrics = body.findValue("metrics");
		putNumber(event, "latencyMs", invocationMetrics == null ? null : invocationMetrics.get("invocationLatency"),
				converseMetrics == null ? null : converseMetrics.get("latencyMs"), record.path("metrics").get("latencyMs"));
		putNumber(event, "ttftMs", invocationMetrics == null ? null : invocationMetrics.get("firstByteLatency"));
		var finishReason = firstText(body, "stopReason", "stop_reason", "completionReason", "finish_reason");
		putText(event, "finishReason", finishReason);
		var errorCode = text(record, "errorCode");
		if (errorCode != null) {
			event.put("success", false);
			event.put("errorType", errorCode);
		}
		var region = text(record, "region");
		putText(event, "agent", region == null ? null : "bedrock:" + region);
		var arn = record.path("identity").path("arn").asString("").trim();
		if (!arn.isEmpty() && arn.length() <= 200) {
			event.put("user", arn);
		}
		var metadata = NODES.objectNode();
		metadata.put("provider", "aws.bedrock");
		putText(metadata, "operation", text(record, "operation"));
		putText(metadata, "modelId", model.equals(modelId) ? null : modelId);
		putText(metadata, "accountId", text(record, "accountId"));
		putText(metadata, "inferenceRegion", text(record, "inferenceRegion"));
		if (arn.length() > 200) {
			metadata.put("identityArn", arn);
		}
		event.set("metadata", metadata);
		return event;
	}

	private static JsonNode read(String text, ObjectMapper json) {
		try {
			var node = json.readTree(text);
			return node != null && node.isObject() ? node : null;
		}
		catch (JacksonException e) {
			return null;
		}
	}

	private static String text(JsonNode node, String field) {
		var value = node.path(field);
		if (!value.isString() && !value.isNumber()) {
			return null;
		}
		var text = value.asString().trim();
		return text.isEmpty() ? null : text;
	}

	/** The first of these fields found anywhere in the body (a stream's body is an array of chunks). */
	private static String firstText(JsonNode body, String... fields) {
		for (var field : fields) {
			var value = body.findValue(field);
			if (value != null && value.isString() && !value.asString().isBlank()) {
				return value.asString().trim();
			}
		}
		return null;
	}

	/** The first present value, as it is: the parser judges whether it is a valid number. */
	private static void putNumber(ObjectNode event, String field, JsonNode... candidates) {
		for (var candidate : candidates) {
			if (candidate != null && !candidate.isNull() && !candidate.isMissingNode()) {
				event.set(field, candidate);
				return;
			}
		}
	}

	private static void putText(ObjectNode node, String field, String value) {
		if (value != null) {
			node.put(field, value);
		}
	}
}
