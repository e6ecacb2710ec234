package dev.arbiter.registry.internal;

import dev.arbiter.shared.Time;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of tiers (seed 002's llm_context_windows): a class of deployment with its context window and prices. */
@Repository
class Tiers {

	private static final String SELECT = """
			select id, name, description, default_model, context_window, input_per_million, output_per_million,
			       supports_streaming, active, created_at, updated_at from tiers
			""";

	private final JdbcClient jdbc;

	Tiers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Tier> all(UUID orgId) {
		return jdbc.sql(SELECT + " where org_id = :org order by name").param("org", orgId).query(Tier.class).list();
	}

	Optional<Tier> byId(UUID orgId, UUID id) {
		return jdbc.sql(SELECT + " where org_id = :org and id = :id").param("org", orgId).param("id", id).query(Tier.class).optional();
	}

	Optional<Tier> byName(UUID orgId, String name) {
		return jdbc.sql(SELECT + " where org_id = :org and name = :name").param("org", orgId).param("name", name).query(Tier.class).optional();
	}

	void save(UUID orgId, Tier tier, boolean insert) {
		var sql = insert ? """
				insert into tiers (id, org_id, name, description, default_model, context_window, input_per_million, output_per_million,
				                   supports_streaming, active, created_at, updated_at)
				values (:id, :org, :name, :description, :model, :context, :input, :output, :streaming, :active, :now, :now)
				""" : """
				update tiers set name = :name, description = :description, default_model = :model, context_window = :context,
				       input_per_million = :input, output_per_million = :output, supports_streaming = :streaming, active = :active,
				       updated_at = :now
				where org_id = :org and id = :id
				""";
		jdbc.sql(sql)
			.param("id", tier.id())
			.param("org", orgId)
			.param("name", tier.name())
			.param("description", tier.description())
			.param("model", tier.defaultModel())
			.param("context", tier.contextWindow())
			.param("input", tier.inputPerMillion())
			.param("output", tier.outputPerMillion())
			.param("streaming", tier.supportsStreaming())
			.param("active", tier.active())
			.param("now", Time.now())
			.update();
	}

	record Tier(UUID id, String name, String description, String defaultModel, int contextWindow, BigDecimal inputPerMillion,
			BigDecimal outputPerMillion, boolean supportsStreaming, boolean active, OffsetDateTime createdAt,
			OffsetDateTime updatedAt) {
	}
}
