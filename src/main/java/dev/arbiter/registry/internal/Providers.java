package dev.arbiter.registry.internal;

import dev.arbiter.shared.Time;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of providers (the companies or projects that make models). */
@Repository
class Providers {

	private static final String SELECT = "select id, name, display_name, website, created_at, updated_at from providers";

	private final JdbcClient jdbc;

	Providers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Provider> byId(UUID orgId, UUID id) {
		return jdbc.sql(SELECT + " where org_id = :org and id = :id").param("org", orgId).param("id", id).query(Provider.class).optional();
	}

	Optional<Provider> byName(UUID orgId, String name) {
		return jdbc.sql(SELECT + " where org_id = :org and lower(name) = lower(:name)")
			.param("org", orgId)
			.param("name", name)
			.query(Provider.class)
			.optional();
	}

	Page<Provider> page(UUID orgId, PageRequest request) {
		var items = jdbc.sql(SELECT + " where org_id = :org order by name limit :limit offset :offset")
			.param("org", orgId)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(Provider.class)
			.list();
		long total = jdbc.sql("select count(*) from providers where org_id = :org").param("org", orgId).query(Long.class).single();
		return request.of(items, total);
	}

	Provider insert(UUID orgId, String name, String displayName, String website) {
		var now = Time.now();
		var provider = new Provider(UUID.randomUUID(), name, displayName, website, now, now);
		jdbc.sql("""
				insert into providers (id, org_id, name, display_name, website, created_at, updated_at)
				values (:id, :org, :name, :display, :website, :now, :now)
				""")
			.param("id", provider.id())
			.param("org", orgId)
			.param("name", name)
			.param("display", displayName)
			.param("website", website)
			.param("now", now)
			.update();
		return provider;
	}

	void update(UUID orgId, UUID id, String name, String displayName, String website) {
		jdbc.sql("""
				update providers set name = :name, display_name = :display, website = :website, updated_at = :now
				where org_id = :org and id = :id
				""")
			.param("name", name)
			.param("display", displayName)
			.param("website", website)
			.param("now", Time.now())
			.param("org", orgId)
			.param("id", id)
			.update();
	}

	void delete(UUID orgId, UUID id) {
		jdbc.sql("delete from providers where org_id = :org and id = :id").param("org", orgId).param("id", id).update();
	}

	record Provider(UUID id, String name, String displayName, String website, OffsetDateTime createdAt,
			OffsetDateTime updatedAt) {
	}
}
