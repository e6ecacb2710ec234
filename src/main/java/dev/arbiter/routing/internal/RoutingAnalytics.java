package dev.arbiter.routing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.arbiter.shared.Time;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Seed 004's analytics views, each one aggregate query over assignments and routing decisions
 * (a decision counts for the assignment that answered it; success is the share of decisions that
 * succeeded, latency the mean end-to-end milliseconds).
 */
@Repository
class RoutingAnalytics {

	private static final String DECISIONS_BY_ASSIGNMENT = """
			select assignment_id, count(*) as decisions,
			       avg(case when success then 1.0 else 0.0 end) as success_rate,
			       avg(latency_ms) as avg_latency_ms, max(created_at) as last_used_at,
			       sum(case when created_at >= :since then 1 else 0 end) as decisions_24h
			from routing_decisions where org_id = :org and assignment_id is not null group by assignment_id
			""";

	private final JdbcClient jdbc;

	RoutingAnalytics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** V_AGENT_ASSIGNMENTS_SUMMARY: one row per agent. */
	record AgentSummary(UUID agentId, String agent, String status, long assignments, long activeAssignments, Double avgMatchScore,
			long decisions, Double successRate, Double avgLatencyMs, OffsetDateTime lastUsedAt) {
	}

	/** V_MODEL_ASSIGNMENT_PERFORMANCE: one row per model. */
	record ModelPerformance(UUID modelId, String model, long agents, long assignments, long activeAssignments, long decisions,
			Double successRate, Double avgLatencyMs) {
	}

	/** V_ROUTING_ANALYTICS_24H: one row per domain × strategy. */
	record DomainStrategyActivity(String domain, String strategy, long decisions, double successPct, double fallbackPct,
			Double avgLatencyMs, Double avgCost) {
	}

	/** V_TOP_AGENT_MODEL_PAIRS: one row per assignment. */
	record AgentModelPair(UUID assignmentId, String agent, String model, String status, int matchScore, long decisions,
			Double successRate, Double avgLatencyMs, long decisions24h) {
	}

	List<AgentSummary> agentSummaries(UUID orgId) {
		return jdbc.sql("""
				select g.id, g.name, g.status, coalesce(s.assignments, 0) as assignments, coalesce(s.active, 0) as active,
				       s.avg_match_score, coalesce(d.decisions, 0) as decisions,
				       cast(d.success_rate as double precision) as success_rate, d.avg_latency_ms, d.last_used_at
				from agents g
				left join (select agent_id, count(*) as assignments, sum(case when status = 'ACTIVE' then 1 else 0 end) as active,
				                  avg(cast(match_score as double precision)) as avg_match_score
				           from assignments where org_id = :org group by agent_id) s on s.agent_id = g.id
				left join (select a.agent_id, sum(x.decisions) as decisions,
				                  sum(x.success_rate * x.decisions) / sum(x.decisions) as success_rate,
				                  sum(x.avg_latency_ms * x.decisions) / sum(x.decisions) as avg_latency_ms,
				                  max(x.last_used_at) as last_used_at
				           from (%s) x join assignments a on a.id = x.assignment_id group by a.agent_id) d on d.agent_id = g.id
				where g.org_id = :org order by g.name
				""".formatted(DECISIONS_BY_ASSIGNMENT))
			.param("org", orgId)
			.param("since", since())
			.query((rs, row) -> new AgentSummary(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("status"),
					rs.getLong("assignments"), rs.getLong("active"), doubleOrNull(rs, "avg_match_score"), rs.getLong("decisions"),
					doubleOrNull(rs, "success_rate"), doubleOrNull(rs, "avg_latency_ms"),
					rs.getObject("last_used_at", OffsetDateTime.class)))
			.list();
	}

	List<ModelPerformance> modelPerformance(UUID orgId) {
		return jdbc.sql("""
				select m.id, m.name, count(distinct a.agent_id) as agents, count(a.id) as assignments,
				       sum(case when a.status = 'ACTIVE' then 1 else 0 end) as active, coalesce(sum(x.decisions), 0) as decisions,
				       cast(sum(x.success_rate * x.decisions) / sum(x.decisions) as double precision) as success_rate,
				       cast(sum(x.avg_latency_ms * x.decisions) / sum(x.decisions) as double precision) as avg_latency_ms
				from models m
				left join assignments a on a.model_id = m.id
				left join (%s) x on x.assignment_id = a.id
				where m.org_id = :org group by m.id, m.name order by m.name
				""".formatted(DECISIONS_BY_ASSIGNMENT))
			.param("org", orgId)
			.param("since", since())
			.query((rs, row) -> new ModelPerformance(rs.getObject("id", UUID.class), rs.getString("name"), rs.getLong("agents"),
					rs.getLong("assignments"), rs.getLong("active"), rs.getLong("decisions"), doubleOrNull(rs, "success_rate"),
					doubleOrNull(rs, "avg_latency_ms")))
			.list();
	}

	List<DomainStrategyActivity> lastDay(UUID orgId) {
		return jdbc.sql("""
				select coalesce(domain, '') as domain, strategy, count(*) as decisions,
				       cast(100.0 * sum(case when success then 1 else 0 end) / count(*) as double precision) as success_pct,
				       cast(100.0 * sum(case when fallback then 1 else 0 end) / count(*) as double precision) as fallback_pct,
				       avg(latency_ms) as avg_latency_ms, cast(avg(actual_cost) as double precision) as avg_cost
				from routing_decisions where org_id = :org and created_at >= :since
				group by coalesce(domain, ''), strategy order by decisions desc, domain, strategy
				""")
			.param("org", orgId)
			.param("since", since())
			.query((rs, row) -> new DomainStrategyActivity(rs.getString("domain"), rs.getString("strategy"), rs.getLong("decisions"),
					rs.getDouble("success_pct"), rs.getDouble("fallback_pct"), doubleOrNull(rs, "avg_latency_ms"),
					doubleOrNull(rs, "avg_cost")))
			.list();
	}

	List<AgentModelPair> topPairs(UUID orgId, int limit) {
		return jdbc.sql("""
				select a.id, g.name as agent, m.name as model, a.status, a.match_score, coalesce(x.decisions, 0) as decisions,
				       cast(x.success_rate as double precision) as success_rate, x.avg_latency_ms,
				       coalesce(x.decisions_24h, 0) as decisions_24h
				from assignments a join agents g on g.id = a.agent_id join models m on m.id = a.model_id
				left join (%s) x on x.assignment_id = a.id
				where a.org_id = :org
				order by success_rate desc nulls last, x.avg_latency_ms asc nulls last, a.match_score desc, g.name, m.name
				limit :limit
				""".formatted(DECISIONS_BY_ASSIGNMENT))
			.param("org", orgId)
			.param("since", since())
			.param("limit", limit)
			.query((rs, row) -> new AgentModelPair(rs.getObject("id", UUID.class), rs.getString("agent"), rs.getString("model"),
					rs.getString("status"), rs.getInt("match_score"), rs.getLong("decisions"), doubleOrNull(rs, "success_rate"),
					doubleOrNull(rs, "avg_latency_ms"), rs.getLong("decisions_24h")))
			.list();
	}

	private static OffsetDateTime since() {
		return Time.now().minus(Duration.ofHours(24));
	}

	private static Double doubleOrNull(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}
}
