package dev.arbiter.routing.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.ObjectMapper;

import dev.arbiter.shared.NotFound;
import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;
import dev.arbiter.tenancy.Caller;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The decision log: why each gateway request went where it went, newest first. */
@RestController
@RequestMapping("/api/v1/decisions")
class DecisionController {

	private static final String COLUMNS = """
			id, request_id, created_at, requested_model, route, strategy, domain, domain_source, domain_confidence, chosen_model,
			chosen_agent, assignment_id, candidates, attempts, explanation, fallback, fallback_reason, estimated_cost, actual_cost,
			latency_ms, success, error, stream, api_key_id, feedback_rating, feedback_accepted, feedback_correct, feedback_comment,
			feedback_at
			""";

	private final JdbcTemplate jdbc;

	private final ObjectMapper json;

	DecisionController(JdbcTemplate jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@GetMapping
	Page<Map<String, Object>> list(Caller caller, PageRequest page) {
		var items = jdbc.query("select " + COLUMNS + " from routing_decisions where org_id = ? order by created_at desc, id limit ? offset ?",
				(rs, row) -> row(rs), caller.orgId(), page.limit(), page.offset());
		long total = jdbc.queryForObject("select count(*) from routing_decisions where org_id = ?", Long.class, caller.orgId());
		return page.of(items, total);
	}

	@GetMapping("/{id}")
	Map<String, Object> get(Caller caller, @PathVariable UUID id) {
		return jdbc.query("select " + COLUMNS + " from routing_decisions where org_id = ? and id = ?", (rs, row) -> row(rs), caller.orgId(), id)
			.stream()
			.findFirst()
			.orElseThrow(() -> new NotFound("Decision", id));
	}

	private Map<String, Object> row(java.sql.ResultSet rs) throws java.sql.SQLException {
		var row = new LinkedHashMap<String, Object>();
		row.put("id", rs.getObject("id", UUID.class));
		row.put("requestId", rs.getString("request_id"));
		row.put("createdAt", rs.getObject("created_at", java.time.OffsetDateTime.class));
		row.put("requestedModel", rs.getString("requested_model"));
		row.put("route", rs.getString("route"));
		row.put("strategy", rs.getString("strategy"));
		row.put("domain", rs.getString("domain"));
		row.put("domainSource", rs.getString("domain_source"));
		row.put("domainConfidence", rs.getObject("domain_confidence"));
		row.put("chosenModel", rs.getString("chosen_model"));
		row.put("chosenAgent", rs.getString("chosen_agent"));
		row.put("assignmentId", rs.getObject("assignment_id", UUID.class));
		row.put("candidates", json.readTree(rs.getString("candidates")));
		row.put("attempts", json.readTree(rs.getString("attempts")));
		row.put("explanation", rs.getString("explanation"));
		row.put("fallback", rs.getBoolean("fallback"));
		row.put("fallbackReason", rs.getString("fallback_reason"));
		row.put("estimatedCost", rs.getBigDecimal("estimated_cost"));
		row.put("actualCost", rs.getBigDecimal("actual_cost"));
		row.put("latencyMs", rs.getObject("latency_ms"));
		row.put("success", rs.getBoolean("success"));
		row.put("error", rs.getString("error"));
		row.put("stream", rs.getBoolean("stream"));
		row.put("apiKeyId", rs.getObject("api_key_id", UUID.class));
		var feedback = new Feedback(rs.getObject("feedback_rating", Integer.class), rs.getObject("feedback_accepted", Boolean.class),
				rs.getObject("feedback_correct", Boolean.class), rs.getString("feedback_comment"));
		var at = rs.getObject("feedback_at", java.time.OffsetDateTime.class);
		row.put("feedback", at == null ? null : feedback.describe());
		row.put("feedbackAt", at);
		return row;
	}
}
