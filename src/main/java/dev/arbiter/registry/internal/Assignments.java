package dev.arbiter.registry.internal;

import dev.arbiter.shared.Time;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of assignments: which agent serves which model, how well it matches, and how it has done. */
@Repository
class Assignments {

	private static final String SELECT = """
			select a.id, a.agent_id, g.name as agent, a.model_id, m.name as model, a.upstream_model, a.match_score, a.status,
			       a.method, a.weight, a.request_count, a.success_count, a.avg_latency_ms, a.last_used_at, a.created_at, a.updated_at
			from assignments a join agents g on g.id = a.agent_id join models m on m.id = a.model_id
			""";

	private final JdbcClient jdbc;

	Assignments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Assignment> byId(UUID orgId, UUID id) {
		return jdbc.sql(SELECT + " where a.org_id = :org and a.id = :id").param("org", orgId).param("id", id).query(Assignments::map).optional();
	}

	boolean exists(UUID agentId, UUID modelId) {
		return jdbc.sql("select count(*) from assignments where agent_id = :agent and model_id = :model")
			.param("agent", agentId)
			.param("model", modelId)
			.query(Long.class)
			.single() > 0;
	}

	/** Every assignment of the organization, by agent and model name. */
	List<Assignment> allOf(UUID orgId) {
		return jdbc.sql(SELECT + " where a.org_id = :org order by g.name, m.name").param("org", orgId).query(Assignments::map).list();
	}

	Page<Assignment> page(UUID orgId, UUID agentId, UUID modelId, String status, PageRequest request) {
		var where = " where a.org_id = :org and (cast(:agent as uuid) is null or a.agent_id = :agent)"
				+ " and (cast(:model as uuid) is null or a.model_id = :model) and (cast(:status as varchar) is null or a.status = :status)";
		var items = jdbc.sql(SELECT + where + " order by g.name, m.name limit :limit offset :offset")
			.param("org", orgId)
			.param("agent", agentId)
			.param("model", modelId)
			.param("status", status)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(Assignments::map)
			.list();
		long total = jdbc.sql("select count(*) from assignments a" + where)
			.param("org", orgId)
			.param("agent", agentId)
			.param("model", modelId)
			.param("status", status)
			.query(Long.class)
			.single();
		return request.of(items, total);
	}

	void save(UUID orgId, UUID id, UUID agentId, UUID modelId, String upstreamModel, int matchScore, String status,
			String method, BigDecimal weight, boolean insert) {
		var sql = insert ? """
				insert into assignments (id, org_id, agent_id, model_id, upstream_model, match_score, status, method, weight,
				                         created_at, updated_at)
				values (:id, :org, :agent, :model, :upstream, :score, :status, :method, :weight, :now, :now)
				""" : """
				update assignments set upstream_model = :upstream, match_score = :score, status = :status, method = :method,
				       weight = :weight, updated_at = :now
				where org_id = :org and id = :id
				""";
		jdbc.sql(sql)
			.param("id", id)
			.param("org", orgId)
			.param("agent", agentId)
			.param("model", modelId)
			.param("upstream", upstreamModel)
			.param("score", matchScore)
			.param("status", status)
			.param("method", method)
			.param("weight", weight)
			.param("now", Time.now())
			.update();
	}

	void delete(UUID orgId, UUID id) {
		jdbc.sql("delete from assignments where org_id = :org and id = :id").param("org", orgId).param("id", id).update();
	}

	private static Assignment map(ResultSet rs, int row) throws SQLException {
		long requests = rs.getLong("request_count");
		long successes = rs.getLong("success_count");
		return new Assignment(rs.getObject("id", UUID.class), rs.getObject("agent_id", UUID.class), rs.getString("agent"),
				rs.getObject("model_id", UUID.class), rs.getString("model"), rs.getString("upstream_model"),
				rs.getInt("match_score"), rs.getString("status"), rs.getString("method"), rs.getBigDecimal("weight"), requests,
				requests == 0 ? null : (double) successes / requests, rs.getObject("avg_latency_ms", Double.class),
				rs.getObject("last_used_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

	/** An assignment with its agent's and model's names; {@code successRate} is null before the first request. */
	record Assignment(UUID id, UUID agentId, String agent, UUID modelId, String model, String upstreamModel, int matchScore,
			String status, String method, BigDecimal weight, long requestCount, Double successRate, Double avgLatencyMs,
			OffsetDateTime lastUsedAt, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
	}
}
