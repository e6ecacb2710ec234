package dev.arbiter.registry;

import java.nio.file.Path;

import dev.arbiter.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Capability matching and auto-assignment on a real PostgreSQL database. */
class PostgresAssignmentTests extends AssignmentContract {

	static Path dataDir;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		dataDir = TestDatabases.usePostgres(registry);
	}

	@Override
	Path dataDir() {
		return dataDir;
	}
}
