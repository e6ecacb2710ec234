package dev.arbiter.telemetry;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Seed 002's llm_patterns for failures: the most common error types and finish reasons of
 * unsuccessful or truncated calls, each with a count, when it was last seen, and one example
 * event. Grouped by SQL over the events of the requested period only.
 */
@Component
public class FailurePatterns {

	private final JdbcTemplate jdbc;

	FailurePatterns(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public record Pattern(String value, long count, OffsetDateTime lastSeen, String exampleEventId) {
	}

	public record Report(List<Pattern> errorTypes, List<Pattern> finishReasons) {
	}

	public Report between(UUID orgId, String model, String domain, OffsetDateTime from, OffsetDateTime to) {
		return new Report(top(orgId, model, domain, from, to, "error_type", "success = false"),
				top(orgId, model, domain, from, to, "finish_reason",
						"finish_reason is not null and (success = false or truncated = true or finish_reason <> 'stop')"));
	}

	private List<Pattern> top(UUID orgId, String model, String domain, OffsetDateTime from, OffsetDateTime to, String column,
			String condition) {
		var sql = new StringBuilder("select coalesce(" + column + ", '(none)') as v, count(*) as n, max(occurred_at) as last_seen,"
				+ " min(cast(event_id as varchar(36))) as example from metric_events where org_id = ? and occurred_at >= ?"
				+ " and occurred_at < ? and " + condition);
		var args = new ArrayList<Object>(List.of(orgId, from, to));
		if (model != null) {
			sql.append(" and model = ?");
			args.add(model);
		}
		if (domain != null) {
			sql.append(" and domain = ?");
			args.add(domain);
		}
		sql.append(" group by coalesce(" + column + ", '(none)') order by count(*) desc, 1 limit 20");
		return jdbc.query(sql.toString(), (rs, row) -> new Pattern(rs.getString("v"), rs.getLong("n"),
				rs.getObject("last_seen", OffsetDateTime.class), rs.getString("example")), args.toArray());
	}
}
