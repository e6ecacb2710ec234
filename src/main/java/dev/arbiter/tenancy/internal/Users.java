package dev.arbiter.tenancy.internal;

import dev.arbiter.shared.Time;
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

/** The SQL of users and their memberships; a user is seen only through a membership of the caller's organization. */
@Repository
class Users {

	private static final String MEMBER = """
			select u.id, u.username, u.email, u.active, u.last_login_at, u.created_at, u.updated_at, m.role
			from users u join memberships m on m.user_id = u.id and m.org_id = :org
			""";

	private final JdbcClient jdbc;

	Users(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Member> member(UUID orgId, UUID userId) {
		return jdbc.sql(MEMBER + " where u.id = :id").param("org", orgId).param("id", userId).query(Users::map).optional();
	}

	Page<Member> page(UUID orgId, PageRequest request) {
		List<Member> items = jdbc.sql(MEMBER + " order by u.username limit :limit offset :offset")
			.param("org", orgId)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(Users::map)
			.list();
		long total = jdbc.sql("select count(*) from memberships where org_id = :org").param("org", orgId).query(Long.class).single();
		return request.of(items, total);
	}

	boolean usernameTaken(String username) {
		return jdbc.sql("select count(*) from users where username = :u").param("u", username).query(Long.class).single() > 0;
	}

	boolean emailTaken(String email, UUID except) {
		return jdbc.sql("select count(*) from users where lower(email) = lower(:e) and (cast(:except as uuid) is null or id <> :except)")
			.param("e", email)
			.param("except", except)
			.query(Long.class)
			.single() > 0;
	}

	UUID insert(UUID orgId, String username, String email, String passwordHash, Role role) {
		var id = UUID.randomUUID();
		var now = Time.now();
		jdbc.sql("""
				insert into users (id, username, email, password_hash, active, created_at, updated_at)
				values (:id, :username, :email, :hash, true, :now, :now)
				""")
			.param("id", id)
			.param("username", username)
			.param("email", email)
			.param("hash", passwordHash)
			.param("now", now)
			.update();
		jdbc.sql("insert into memberships (org_id, user_id, role, created_at) values (:org, :user, :role, :now)")
			.param("org", orgId)
			.param("user", id)
			.param("role", role.wire())
			.param("now", now)
			.update();
		return id;
	}

	void update(UUID orgId, UUID id, String email, String passwordHash, Boolean active, Role role) {
		var now = Time.now();
		jdbc.sql("""
				update users set email = coalesce(:email, email), password_hash = coalesce(:hash, password_hash),
				    active = coalesce(:active, active), updated_at = :now
				where id = :id
				""")
			.param("email", email)
			.param("hash", passwordHash)
			.param("active", active)
			.param("now", now)
			.param("id", id)
			.update();
		if (role != null) {
			jdbc.sql("update memberships set role = :role where org_id = :org and user_id = :id")
				.param("role", role.wire())
				.param("org", orgId)
				.param("id", id)
				.update();
		}
	}

	/** Removes the membership, and the user too when it belongs to no other organization. */
	void remove(UUID orgId, UUID id) {
		jdbc.sql("delete from memberships where org_id = :org and user_id = :id").param("org", orgId).param("id", id).update();
		jdbc.sql("delete from users where id = :id and not exists (select 1 from memberships where user_id = :id)")
			.param("id", id)
			.update();
	}

	private static Member map(ResultSet rs, int row) throws SQLException {
		return new Member(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("email"),
				Role.fromWire(rs.getString("role")), rs.getBoolean("active"),
				rs.getObject("last_login_at", OffsetDateTime.class), rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

	/** A user as seen from one organization: never the password hash. */
	record Member(UUID id, String username, String email, Role role, boolean active, OffsetDateTime lastLoginAt,
			OffsetDateTime createdAt, OffsetDateTime updatedAt) {
	}
}
