package dev.arbiter.benchmark;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads an organization's domains; the one SQL home of the domains table. */
@Component
public class DomainCatalog {

	private static final String SELECT = "select id, slug, name, description, created_at, updated_at from domains";

	private final JdbcClient jdbc;

	DomainCatalog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Domain> all(UUID orgId) {
		return jdbc.sql(SELECT + " where org_id = :org order by name").param("org", orgId).query(Domain.class).list();
	}

	public Optional<Domain> byId(UUID orgId, UUID id) {
		return jdbc.sql(SELECT + " where org_id = :org and id = :id").param("org", orgId).param("id", id).query(Domain.class).optional();
	}

	/** By slug or by name, case-insensitively. */
	public Optional<Domain> bySlugOrName(UUID orgId, String key) {
		return jdbc.sql(SELECT + " where org_id = :org and (slug = lower(:key) or lower(name) = lower(:key))")
			.param("org", orgId)
			.param("key", key)
			.query(Domain.class)
			.optional();
	}
}
