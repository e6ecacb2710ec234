package dev.arbiter;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.arbiter.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST contract on a real PostgreSQL database, plus what only PostgreSQL enforces. */
class PostgresApiTests extends ApiContract {

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
	void auditLogRowsCannotBeUpdatedOrDeletedEvenInSql() {
		createModel("trigger-" + suffix(), null);
		assertThatThrownBy(() -> jdbc.sql("update audit_log set actor = 'someone else'").update())
			.hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from audit_log").update()).hasMessageContaining("append-only");
	}
}
