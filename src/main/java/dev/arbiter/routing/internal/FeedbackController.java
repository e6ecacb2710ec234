package dev.arbiter.routing.internal;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;

import dev.arbiter.shared.NotFound;
import dev.arbiter.shared.Time;
import dev.arbiter.telemetry.EventIngestion;
import dev.arbiter.tenancy.AuditLog;
import dev.arbiter.tenancy.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/decisions/{id}/feedback}: stores the feedback on the decision (given fields
 * replace earlier ones, the others stay) and feeds the model × domain's online quality.
 * <p>
 * Re-submission: the decision always shows the latest feedback, but the metrics count a decision's
 * feedback once: its event id is derived from the decision id, so the first rating or verdict is
 * the one the rollups hold (events are append-only and rollups additive; rewriting them would need
 * a retraction the rollups cannot express). The answer says whether this submission was counted.
 */
@RestController
class FeedbackController {

	private final JdbcClient jdbc;

	private final EventIngestion events;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	FeedbackController(JdbcClient jdbc, EventIngestion events, AuditLog audit, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.events = events;
		this.audit = audit;
		this.transaction = transaction;
	}

	/** The parts of a decision feedback needs. */
	record Rated(UUID id, String model, String agent, String domain, Feedback feedback, OffsetDateTime at) {
	}

	@PostMapping("/api/v1/decisions/{id}/feedback")
	Map<String, Object> give(Caller caller, @PathVariable UUID id, @Valid @RequestBody Feedback feedback) {
		feedback.requireSomething();
		var after = transaction.execute(status -> {
			var before = decision(caller.orgId(), id);
			jdbc.sql("""
					update routing_decisions set feedback_rating = coalesce(:rating, feedback_rating),
					    feedback_accepted = coalesce(:accepted, feedback_accepted), feedback_correct = coalesce(:correct, feedback_correct),
					    feedback_comment = coalesce(:comment, feedback_comment), feedback_at = :at
					where org_id = :org and id = :id
					""")
				.param("rating", feedback.rating())
				.param("accepted", feedback.accepted())
				.param("correct", feedback.correct())
				.param("comment", feedback.comment())
				.param("at", Time.now())
				.param("org", caller.orgId())
				.param("id", id)
				.update();
			var updated = decision(caller.orgId(), id);
			audit.updated(caller, "decision.feedback", id, before.feedback().describe(), updated.feedback().describe());
			return updated;
		});
		boolean counted = false;
		if (feedback.measurable() && after.model() != null) {
			counted = events.record(caller.orgId(), List.of(feedback.event(id, after.model(), after.agent(), after.domain(),
					caller.keyId()))) == 1;
		}
		var answer = new LinkedHashMap<String, Object>();
		answer.put("decisionId", id);
		answer.put("model", after.model());
		answer.put("domain", after.domain());
		answer.put("feedback", after.feedback().describe());
		answer.put("feedbackAt", after.at());
		answer.put("counted", counted);
		return answer;
	}

	private Rated decision(UUID orgId, UUID id) {
		return jdbc.sql("""
				select id, chosen_model, chosen_agent, domain, feedback_rating, feedback_accepted, feedback_correct, feedback_comment,
				       feedback_at
				from routing_decisions where org_id = :org and id = :id
				""")
			.param("org", orgId)
			.param("id", id)
			.query((rs, row) -> new Rated(rs.getObject("id", UUID.class), rs.getString("chosen_model"), rs.getString("chosen_agent"),
					rs.getString("domain"), new Feedback(rs.getObject("feedback_rating", Integer.class),
							rs.getObject("feedback_accepted", Boolean.class), rs.getObject("feedback_correct", Boolean.class),
							rs.getString("feedback_comment")),
					rs.getObject("feedback_at", OffsetDateTime.class)))
			.optional()
			.orElseThrow(() -> new NotFound("Decision", id));
	}
}
