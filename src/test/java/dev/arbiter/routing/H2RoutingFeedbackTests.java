package dev.arbiter.routing;

import java.nio.file.Path;

import dev.arbiter.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class H2RoutingFeedbackTests extends RoutingFeedbackContract {

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
