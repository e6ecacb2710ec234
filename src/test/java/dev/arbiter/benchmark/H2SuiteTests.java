package dev.arbiter.benchmark;

import java.nio.file.Path;

import dev.arbiter.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Suites and items on the embedded H2 database. */
class H2SuiteTests extends SuiteContract {

	static Path dataDir;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		dataDir = TestDatabases.useH2(registry);
	}

	@Override
	Path dataDir() {
		return dataDir;
	}
}
