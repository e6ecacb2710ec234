package dev.arbiter.benchmark;

import java.nio.file.Path;

import dev.arbiter.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Suites and items on a real PostgreSQL database. */
class PostgresSuiteTests extends SuiteContract {

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
