package dev.arbiter.registry.internal;

import dev.arbiter.shared.Time;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of agents: inference hosts that serve models. Their API keys are stored encrypted. */
@Repository
class Agents {

	private static final String SELECT = """
			select id, name, base_url, api_type, api_key_encrypted, gpu_memory_gb, max_concurrency, max_context, max_models, features,
			       status, created_at, updated_at from agents
			""";

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	Agents(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<Agent> byId(UUID orgId, UUID id) {
		return jdbc.sql(SELECT + " where org_id = :org and id = :id").param("org", orgId).param("id", id).query(this::map).optional();
	}

	Optional<Agent> byName(UUID orgId, String name) {
		return jdbc.sql(SELECT + " where org_id = :org and name = :name").param("org", orgId).param("name", name).query(this::map).optional();
	}

	/** Every agent of the organization, by name. */
	List<Agent> allOf(UUID orgId) {
		return jdbc.sql(SELECT + " where org_id = :org order by name, id").param("org", orgId).query(this::map).list();
	}

	/** Locks the organization's agents until the transaction ends, so that two auto-assignments run one after the other. */
	void lockAll(UUID orgId) {
		jdbc.sql("select id from agents where org_id = :org order by id for update").param("org", orgId).query(UUID.class).list();
	}

	Page<Agent> page(UUID orgId, PageRequest request) {
		var items = jdbc.sql(SELECT + " where org_id = :org order by name limit :limit offset :offset")
			.param("org", orgId)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(this::map)
			.list();
		long total = jdbc.sql("select count(*) from agents where org_id = :org").param("org", orgId).query(Long.class).single();
		return request.of(items, total);
	}

	/** Inserts or updates every column; {@code encryptedKey} is stored as given (null clears it). */
	void save(UUID orgId, Agent agent, String encryptedKey, boolean insert) {
		var sql = insert ? """
				insert into agents (id, org_id, name, base_url, api_type, api_key_encrypted, gpu_memory_gb, max_concurrency, max_context,
				                    max_models, features, status, created_at, updated_at)
				values (:id, :org, :name, :url, :type, :key, :gpu, :concurrency, :context, :maxModels, :features, :status, :now, :now)
				""" : """
				update agents set name = :name, base_url = :url, api_type = :type, api_key_encrypted = :key, gpu_memory_gb = :gpu,
				       max_concurrency = :concurrency, max_context = :context, max_models = :maxModels,
				       features = :features, status = :status, updated_at = :now
				where org_id = :org and id = :id
				""";
		jdbc.sql(sql)
			.param("id", agent.id())
			.param("org", orgId)
			.param("name", agent.name())
			.param("url", agent.baseUrl())
			.param("type", agent.apiType())
			.param("key", encryptedKey)
			.param("gpu", agent.gpuMemoryGb())
			.param("concurrency", agent.maxConcurrency())
			.param("context", agent.maxContext())
			.param("maxModels", agent.maxModels())
			.param("features", json.writeValueAsString(agent.features() == null ? List.of() : agent.features()))
			.param("status", agent.status())
			.param("now", Time.now())
			.update();
	}

	Optional<String> encryptedKey(UUID orgId, UUID id) {
		return jdbc.sql("select api_key_encrypted from agents where org_id = :org and id = :id")
			.param("org", orgId)
			.param("id", id)
			.query(String.class)
			.optional();
	}

	void delete(UUID orgId, UUID id) {
		jdbc.sql("delete from agents where org_id = :org and id = :id").param("org", orgId).param("id", id).update();
	}

	private Agent map(ResultSet rs, int row) throws SQLException {
		var features = rs.getString("features");
		return new Agent(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("base_url"), rs.getString("api_type"),
				rs.getString("api_key_encrypted") != null, rs.getBigDecimal("gpu_memory_gb"),
				rs.getObject("max_concurrency", Integer.class), rs.getObject("max_context", Integer.class),
				rs.getObject("max_models", Integer.class), features == null ? List.of() : json.readValue(features, STRINGS),
				rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

	/** An agent as the API shows it: whether it has an API key, never the key. */
	record Agent(UUID id, String name, String baseUrl, String apiType, boolean hasApiKey, BigDecimal gpuMemoryGb,
			Integer maxConcurrency, Integer maxContext, Integer maxModels, List<String> features, String status,
			OffsetDateTime createdAt, OffsetDateTime updatedAt) {
	}
}
