package dev.arbiter.tenancy.internal;

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
import dev.arbiter.tenancy.Role;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of API keys. */
@Repository
class ApiKeys {

	private static final String COLUMNS = """
			id, org_id, user_id, name, prefix, role, budget_usd, budget_period, expires_at, last_used_at, revoked_at, created_at
			""";

	private final JdbcClient jdbc;

	ApiKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ApiKey insert(UUID orgId, UUID userId, String name, ApiKeySecret secret, Role role, BigDecimal budgetUsd,
			String budgetPeriod, OffsetDateTime expiresAt) {
		var key = new ApiKey(UUID.randomUUID(), orgId, userId, name, secret.prefix(), role, budgetUsd, budgetPeriod, expiresAt,
				null, null, Time.now());
		jdbc.sql("""
				insert into api_keys (id, org_id, user_id, name, prefix, key_hash, role, budget_usd, budget_period, expires_at, created_at)
				values (:id, :org, :user, :name, :prefix, :hash, :role, :budget, :period, :expires, :created)
				""")
			.param("id", key.id())
			.param("org", orgId)
			.param("user", userId)
			.param("name", name)
			.param("prefix", key.prefix())
			.param("hash", secret.hash())
			.param("role", role.wire())
			.param("budget", budgetUsd)
			.param("period", budgetPeriod)
			.param("expires", expiresAt)
			.param("created", key.createdAt())
			.update();
		return key;
	}

	/** A live key (not revoked, not expired) by the hash of its secret, across organizations. */
	Optional<ApiKey> liveKeyByHash(String hash, OffsetDateTime now) {
		return jdbc.sql("select " + COLUMNS + " from api_keys where key_hash = :hash and revoked_at is null"
				+ " and (expires_at is null or expires_at > :now)")
			.param("hash", hash)
			.param("now", now)
			.query(ApiKeys::map)
			.optional();
	}

	Optional<ApiKey> byId(UUID orgId, UUID id) {
		return jdbc.sql("select " + COLUMNS + " from api_keys where org_id = :org and id = :id")
			.param("org", orgId)
			.param("id", id)
			.query(ApiKeys::map)
			.optional();
	}

	Page<ApiKey> page(UUID orgId, PageRequest request) {
		List<ApiKey> items = jdbc.sql("select " + COLUMNS + " from api_keys where org_id = :org order by created_at, id"
				+ " limit :limit offset :offset")
			.param("org", orgId)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(ApiKeys::map)
			.list();
		long total = jdbc.sql("select count(*) from api_keys where org_id = :org").param("org", orgId).query(Long.class).single();
		return request.of(items, total);
	}

	void revoke(UUID orgId, UUID id, OffsetDateTime at) {
		jdbc.sql("update api_keys set revoked_at = :at where org_id = :org and id = :id and revoked_at is null")
			.param("at", at)
			.param("org", orgId)
			.param("id", id)
			.update();
	}

	void touch(UUID id, OffsetDateTime at) {
		jdbc.sql("update api_keys set last_used_at = :at where id = :id").param("at", at).param("id", id).update();
	}

	boolean anyInOrganization(UUID orgId) {
		return jdbc.sql("select count(*) from api_keys where org_id = :org").param("org", orgId).query(Long.class).single() > 0;
	}

	private static ApiKey map(ResultSet rs, int row) throws SQLException {
		return new ApiKey(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
				rs.getObject("user_id", UUID.class), rs.getString("name"), rs.getString("prefix"),
				Role.fromWire(rs.getString("role")), rs.getBigDecimal("budget_usd"), rs.getString("budget_period"),
				rs.getObject("expires_at", OffsetDateTime.class), rs.getObject("last_used_at", OffsetDateTime.class),
				rs.getObject("revoked_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class));
	}
}
