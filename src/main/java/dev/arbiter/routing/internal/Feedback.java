package dev.arbiter.routing.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

import dev.arbiter.shared.InvalidInput;
import dev.arbiter.shared.Time;
import dev.arbiter.telemetry.EventSource;
import dev.arbiter.telemetry.MetricEvent;

/**
 * What a client said about one gateway answer: a rating 1–5, whether it was accepted, whether it
 * was correct, a comment; each optional, at least one given. A rating or a correctness verdict
 * becomes one metric event for the decision's model × domain ({@code confidence = (rating − 1) / 4},
 * {@code correct} as given) whose event id is derived from the decision id, so it counts once.
 */
record Feedback(@Min(value = 1, message = "must be 1 to 5") @Max(value = 5, message = "must be 1 to 5") Integer rating,
		Boolean accepted, Boolean correct, @Size(max = 4000) String comment) {

	Feedback requireSomething() {
		if (rating == null && accepted == null && correct == null && (comment == null || comment.isBlank())) {
			throw new InvalidInput("rating", "give at least one of rating (1-5), accepted, correct or comment");
		}
		return this;
	}

	/** Only a rating or a verdict says something about quality; acceptance and comments stay on the decision. */
	boolean measurable() {
		return rating != null || correct != null;
	}

	Double confidence() {
		return rating == null ? null : (rating - 1) / 4.0;
	}

	/** The one event id a decision's feedback may ever have. */
	static UUID eventId(UUID decisionId) {
		return UUID.nameUUIDFromBytes((MetricEvent.FEEDBACK_PREFIX + decisionId).getBytes(StandardCharsets.UTF_8));
	}

	MetricEvent event(UUID decisionId, String model, String agent, String domain, UUID apiKeyId) {
		return new MetricEvent(eventId(decisionId), Time.now(), model, agent, domain, EventSource.API, decisionId.toString(), null,
				null, null, null, null, null, null, true, null, null, null, confidence(), MetricEvent.FEEDBACK_PREFIX + decisionId, correct, apiKeyId,
				null, null, null);
	}

	Map<String, Object> describe() {
		var map = new LinkedHashMap<String, Object>();
		map.put("rating", rating);
		map.put("accepted", accepted);
		map.put("correct", correct);
		map.put("comment", comment);
		return map;
	}
}
