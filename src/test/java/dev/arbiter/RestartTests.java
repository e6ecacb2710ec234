package dev.arbiter;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.arbiter.support.Api;
import dev.arbiter.support.TestDatabases;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping and starting the server on the same data directory keeps the data and seeds nothing twice. */
class RestartTests {

	@Test
	void restartKeepsDataAndSeedsNothingTwice() throws Exception {
		var dataDir = TestDatabases.newDataDir();
		String modelId;
		String key;
		try (var first = start(dataDir)) {
			key = Files.readString(dataDir.resolve("admin.key")).trim();
			var api = new Api("http://127.0.0.1:" + port(first), key);
			var created = api.post("/api/v1/models", Map.of("name", "survivor", "price", Map.of("inputPerMillion", 2, "outputPerMillion", 3)));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			modelId = created.id();
		}
		try (var second = start(dataDir)) {
			assertThat(Files.readString(dataDir.resolve("admin.key")).trim()).as("the admin key is not replaced").isEqualTo(key);
			var api = new Api("http://127.0.0.1:" + port(second), key);
			var model = api.get("/api/v1/models/" + modelId);
			assertThat(model.status()).isEqualTo(200);
			assertThat(model.json().path("currentPrice").path("outputPerMillion").decimalValue()).isEqualByComparingTo("3");
			assertThat(api.get("/api/v1/models").json().path("total").asInt()).isEqualTo(6);
			assertThat(api.get("/api/v1/domains").json().path("total").asInt()).isEqualTo(10);
			assertThat(api.get("/api/v1/tiers").json().path("total").asInt()).isEqualTo(3);
			assertThat(api.get("/api/v1/suites").json().path("total").asInt()).isEqualTo(10);
			assertThat(api.get("/api/v1/api-keys").json().path("total").asInt()).isEqualTo(1);
			assertThat(api.get("/api/v1/organizations").json().path("total").asInt()).isEqualTo(1);
		}
	}

	private static ConfigurableApplicationContext start(java.nio.file.Path dataDir) {
		return new SpringApplicationBuilder(ArbiterApplication.class).run("--arbiter.data-dir=" + dataDir, "--server.port=0");
	}

	private static String port(ConfigurableApplicationContext context) {
		return context.getEnvironment().getProperty("local.server.port");
	}
}
