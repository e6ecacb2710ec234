package dev.arbiter.benchmark.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.ObjectMapper;

import dev.arbiter.shared.Time;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The writes of suites (reads are in {@link dev.arbiter.benchmark.SuiteCatalog}). */
@Repository
class Suites {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	Suites(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(UUID orgId, UUID id, SuiteDraft fields) {
		jdbc.sql("""
				insert into suites (id, org_id, name, version, domain_id, description, scoring, kind, created_at, updated_at)
				values (:id, :org, :name, :version, :domain, :description, :scoring, :kind, :now, :now)
				""")
			.param("id", id)
			.param("org", orgId)
			.params(parameters(fields))
			.param("now", Time.now())
			.update();
	}

	void update(UUID orgId, UUID id, SuiteDraft fields) {
		jdbc.sql("""
				update suites set name = :name, version = :version, domain_id = :domain, description = :description,
				       scoring = :scoring, kind = :kind, updated_at = :now
				where org_id = :org and id = :id
				""")
			.params(parameters(fields))
			.param("org", orgId)
			.param("id", id)
			.param("now", Time.now())
			.update();
	}

	/** Deletes the suite; its items go with it (on delete cascade). */
	void delete(UUID orgId, UUID id) {
		jdbc.sql("delete from suites where org_id = :org and id = :id").param("org", orgId).param("id", id).update();
	}

	/**
	 * Locks the suite's row until the transaction ends, so that writes of its items (positions,
	 * duplicate checks) never interleave. Answers whether the suite exists.
	 */
	boolean lock(UUID orgId, UUID id) {
		return jdbc.sql("select id from suites where org_id = :org and id = :id for update")
			.param("org", orgId)
			.param("id", id)
			.query(UUID.class)
			.optional()
			.isPresent();
	}

	/** Organizations that have domains but not a single suite (e.g. created before suites existed). */
	List<UUID> organizationsWithoutSuites() {
		return jdbc.sql("""
				select distinct d.org_id from domains d
				where not exists (select 1 from suites s where s.org_id = d.org_id)
				""").query(UUID.class).list();
	}

	private Map<String, Object> parameters(SuiteDraft fields) {
		var parameters = new HashMap<String, Object>();
		parameters.put("name", fields.name());
		parameters.put("version", fields.version());
		parameters.put("domain", fields.domainId());
		parameters.put("description", fields.description());
		parameters.put("scoring", json.writeValueAsString(fields.scoring()));
		parameters.put("kind", fields.kind().wire());
		return parameters;
	}
}
