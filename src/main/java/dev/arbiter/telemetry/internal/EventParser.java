package dev.arbiter.telemetry.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.shared.Time;
import dev.arbiter.telemetry.EventSource;
import dev.arbiter.telemetry.MetricEvent;

import org.springframework.stereotype.Component;

/**
 * Turns one JSON event into a {@link MetricEvent}, or into the list of everything wrong with it.
 * Fills what can be derived: a new eventId, the time of receipt, the cost from the model's price
 * in force at the event's time, success from the error type, truncation from the finish reason.
 */
@Component
public class EventParser {

	static final Set<String> FIELDS = Set.of("eventId", "timestamp", "model", "agent", "domain", "source", "requestId",
			"correlationId", "sessionId", "latencyMs", "ttftMs", "tokensIn", "tokensOut", "cost", "success", "errorType",
			"finishReason", "truncated", "confidence", "itemId", "correct", "apiKeyId", "user", "tier", "metadata");

	private static final java.time.Duration MAX_FUTURE = java.time.Duration.ofMinutes(5);

	private final ModelCatalog catalog;

	EventParser(ModelCatalog catalog) {
		this.catalog = catalog;
	}

	public record Parsed(MetricEvent event, List<String> reasons) {
	}

	public Parsed parse(UUID orgId, JsonNode node, EventSource defaultSource, UUID apiKeyId) {
		var reasons = new ArrayList<String>();
		if (node == null || !node.isObject()) {
			return new Parsed(null, List.of("an event must be a JSON object"));
		}
		for (var name : node.propertyNames()) {
			if (!FIELDS.contains(name)) {
				reasons.add("unknown field '" + name + "'");
			}
		}
		var reader = new Fields(node, reasons);
		var eventId = reader.uuid("eventId");
		var occurredAt = reader.timestamp("timestamp");
		var model = reader.text("model", 200);
		if (model == null && !reasons.contains("model: must be a string")) {
			reasons.add("model: is required");
		}
		var sourceText = reader.text("source", 20);
		EventSource source = defaultSource;
		if (sourceText != null) {
			try {
				source = EventSource.fromWire(sourceText);
			}
			catch (IllegalArgumentException e) {
				reasons.add("source: must be one of gateway, eval, import, otlp, api");
			}
		}
		var latency = reader.nonNegative("latencyMs");
		var ttft = reader.nonNegative("ttftMs");
		var tokensIn = reader.count("tokensIn");
		var tokensOut = reader.count("tokensOut");
		var cost = reader.decimal("cost");
		var errorType = reader.text("errorType", 200);
		var success = reader.bool("success");
		var finishReason = reader.text("finishReason", 50);
		var truncated = reader.bool("truncated");
		var confidence = reader.number("confidence");
		if (confidence != null && (confidence < 0 || confidence > 1)) {
			reasons.add("confidence: must be between 0 and 1");
		}
		var keyId = reader.uuid("apiKeyId");
		String metadata = null;
		if (node.has("metadata") && !node.get("metadata").isNull()) {
			if (!node.get("metadata").isObject()) {
				reasons.add("metadata: must be a JSON object");
			}
			else {
				metadata = node.get("metadata").toString();
				if (metadata.length() > 65_536) {
					reasons.add("metadata: must be at most 64 KiB");
				}
			}
		}
		var now = Time.now();
		if (occurredAt != null && occurredAt.isAfter(now.plus(MAX_FUTURE))) {
			reasons.add("timestamp: is in the future");
		}
		var event = new MetricEvent(eventId == null ? UUID.randomUUID() : eventId, occurredAt == null ? now : occurredAt,
				model, reader.text("agent", 200), reader.text("domain", 100), source, reader.text("requestId", 200),
				reader.text("correlationId", 200), reader.text("sessionId", 200), latency, ttft, tokensIn, tokensOut, cost,
				success != null ? success : errorType == null, errorType, finishReason,
				truncated != null ? truncated : truncatedBy(finishReason), confidence,
				reader.text("itemId", 200), reader.bool("correct"), keyId != null ? keyId : apiKeyId, reader.text("user", 200),
				reader.text("tier", 50), metadata);
		if (!reasons.isEmpty()) {
			return new Parsed(null, List.copyOf(reasons));
		}
		return new Parsed(withCost(orgId, event), List.of());
	}

	/**
	 * Whether a finish reason means the answer was cut off by the token limit: {@code length} (OpenAI),
	 * {@code max_tokens} (Anthropic, Bedrock) or {@code MAX_TOKENS} (Gemini); null when there is none.
	 */
	private static Boolean truncatedBy(String finishReason) {
		return finishReason == null ? null
				: finishReason.equalsIgnoreCase("length") || finishReason.equalsIgnoreCase("max_tokens");
	}

	/** Fills in the cost from the price in force at the event's time, when the event has tokens and no cost. */
	public MetricEvent withCost(UUID orgId, MetricEvent event) {
		if (event.cost() != null || (event.tokensIn() == null && event.tokensOut() == null)) {
			return event;
		}
		var price = catalog.priceAt(orgId, event.model(), event.occurredAt());
		if (price.isEmpty()) {
			return event;
		}
		var cost = price.get().cost(event.tokensIn() == null ? 0 : event.tokensIn(), event.tokensOut() == null ? 0 : event.tokensOut());
		return new MetricEvent(event.eventId(), event.occurredAt(), event.model(), event.agent(), event.domain(), event.source(),
				event.requestId(), event.correlationId(), event.sessionId(), event.latencyMs(), event.ttftMs(), event.tokensIn(),
				event.tokensOut(), cost, event.success(), event.errorType(), event.finishReason(), event.truncated(),
				event.confidence(), event.itemId(), event.correct(), event.apiKeyId(), event.user(), event.tier(),
				event.metadata());
	}

	/** Reads typed fields, noting what is wrong instead of throwing. */
	private record Fields(JsonNode node, List<String> reasons) {

		private JsonNode value(String name) {
			var value = node.get(name);
			return value == null || value.isNull() ? null : value;
		}

		String text(String name, int max) {
			var value = value(name);
			if (value == null) {
				return null;
			}
			if (!value.isString()) {
				reasons.add(name + ": must be a string");
				return null;
			}
			var text = value.asString().trim();
			if (text.isEmpty()) {
				return null;
			}
			if (text.length() > max) {
				reasons.add(name + ": must be at most " + max + " characters");
				return null;
			}
			return text;
		}

		UUID uuid(String name) {
			var text = text(name, 36);
			if (text == null) {
				return null;
			}
			try {
				return UUID.fromString(text);
			}
			catch (IllegalArgumentException e) {
				reasons.add(name + ": must be a UUID");
				return null;
			}
		}

		OffsetDateTime timestamp(String name) {
			var value = value(name);
			if (value == null) {
				return null;
			}
			if (value.isNumber()) {
				return Time.normalize(Instant.ofEpochMilli(value.asLong()).atOffset(ZoneOffset.UTC));
			}
			if (!value.isString()) {
				reasons.add(name + ": must be an ISO-8601 timestamp or epoch milliseconds");
				return null;
			}
			try {
				return Time.normalize(OffsetDateTime.parse(value.asString()));
			}
			catch (DateTimeParseException e) {
				try {
					return Time.normalize(Instant.parse(value.asString()).atOffset(ZoneOffset.UTC));
				}
				catch (DateTimeParseException again) {
					reasons.add(name + ": must be an ISO-8601 timestamp such as 2026-01-31T12:00:00Z");
					return null;
				}
			}
		}

		Double number(String name) {
			var value = value(name);
			if (value == null) {
				return null;
			}
			if (!value.isNumber()) {
				reasons.add(name + ": must be a number");
				return null;
			}
			var number = value.asDouble();
			if (Double.isNaN(number) || Double.isInfinite(number)) {
				reasons.add(name + ": must be a finite number");
				return null;
			}
			return number;
		}

		Double nonNegative(String name) {
			var number = number(name);
			if (number != null && number < 0) {
				reasons.add(name + ": must not be negative");
				return null;
			}
			return number;
		}

		Integer count(String name) {
			var value = value(name);
			if (value == null) {
				return null;
			}
			if (!value.isIntegralNumber() || !value.canConvertToInt()) {
				reasons.add(name + ": must be a whole number");
				return null;
			}
			if (value.asInt() < 0) {
				reasons.add(name + ": must not be negative");
				return null;
			}
			return value.asInt();
		}

		BigDecimal decimal(String name) {
			var value = value(name);
			if (value == null) {
				return null;
			}
			if (!value.isNumber()) {
				reasons.add(name + ": must be a number");
				return null;
			}
			var decimal = value.decimalValue();
			if (decimal.signum() < 0) {
				reasons.add(name + ": must not be negative");
				return null;
			}
			return decimal;
		}

		Boolean bool(String name) {
			var value = value(name);
			if (value == null) {
				return null;
			}
			if (!value.isBoolean()) {
				reasons.add(name + ": must be true or false");
				return null;
			}
			return value.asBoolean();
		}
	}
}
