package dev.arbiter.benchmark.internal;

import dev.arbiter.shared.Time;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The writes of domains (reads are in {@link dev.arbiter.benchmark.DomainCatalog}). */
@Repository
class Domains {

	private final JdbcClient jdbc;

	Domains(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID orgId, UUID id, String slug, String name, String description) {
		var now = Time.now();
		jdbc.sql("""
				insert into domains (id, org_id, slug, name, description, created_at, updated_at)
				values (:id, :org, :slug, :name, :description, :now, :now)
				""")
			.param("id", id)
			.param("org", orgId)
			.param("slug", slug)
			.param("name", name)
			.param("description", description)
			.param("now", now)
			.update();
	}

	void update(UUID orgId, UUID id, String name, String description) {
		jdbc.sql("update domains set name = :name, description = :description, updated_at = :now where org_id = :org and id = :id")
			.param("name", name)
			.param("description", description)
			.param("now", Time.now())
			.param("org", orgId)
			.param("id", id)
			.update();
	}
}
