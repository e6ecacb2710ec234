package dev.arbiter;

import java.nio.file.Path;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.arbiter.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST contract on a real PostgreSQL database, plus what only PostgreSQL enforces. */
class PostgresApiTests extends ApiContract {

	@org.springframework.beans.factory.annotation.Autowired
	javax.sql.DataSource dataSource;

	static Path dataDir;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		dataDir = TestDatabases.usePostgres(registry);
	}

	@Override
	Path dataDir() {
		return dataDir;
	}

	@Test
	void rowLevelSecurityShowsAnotherRoleOnlyTheOrganizationItNames() throws Exception {
		var other = admin.post("/api/v1/organizations", Map.of("name", "rls-" + suffix())).json();
		var otherOrg = other.path("organization").path("id").asString();
		var ownOrg = admin.get("/api/v1/organizations").json().path("items").get(0).path("id").asString();
		long ownModels = jdbc.sql("select count(*) from models where org_id = cast(:org as uuid)").param("org", ownOrg).query(Long.class).single();
		var role = "arbiter_reader_" + suffix().replace("-", "");
		jdbc.sql("create role " + role + " login").update();
		try {
			jdbc.sql("grant select on all tables in schema public to " + role).update();
			var url = ((com.zaxxer.hikari.HikariDataSource) dataSource).getJdbcUrl();
			try (var connection = java.sql.DriverManager.getConnection(url, role, "")) {
				var statement = connection.createStatement();
				var rows = statement.executeQuery("select count(*) from models");
				rows.next();
				assertThat(rows.getLong(1)).as("without arbiter.org_id a reader sees nothing").isZero();
				statement.execute("set arbiter.org_id = '" + ownOrg + "'");
				rows = statement.executeQuery("select count(*), count(distinct org_id) from models");
				rows.next();
				assertThat(rows.getLong(1)).isEqualTo(ownModels);
				assertThat(rows.getLong(2)).isEqualTo(1);
				rows = statement.executeQuery("select count(*) from models where org_id = '" + otherOrg + "'");
				rows.next();
				assertThat(rows.getLong(1)).isZero();
			}
		}
		finally {
			jdbc.sql("drop owned by " + role).update();
			jdbc.sql("drop role " + role).update();
		}
	}

	@Test
	void auditLogRowsCannotBeUpdatedOrDeletedEvenInSql() {
		createModel("trigger-" + suffix(), null);
		assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'someone else'").update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_log").update()).hasMessageContaining("append-only");
	}
}
