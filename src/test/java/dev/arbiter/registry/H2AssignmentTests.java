package dev.arbiter.registry;

import java.nio.file.Path;

import dev.arbiter.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Capability matching and auto-assignment on the embedded H2 database. */
class H2AssignmentTests extends AssignmentContract {

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
