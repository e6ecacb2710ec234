package dev.arbiter;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.support.Api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The REST contract of the walking skeleton over real HTTP. It runs once per database:
 * {@link H2ApiTests} and {@link PostgresApiTests} only point it at their database.
 */
@SpringBootTest(classes = ArbiterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiContract {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api admin;

	Api anonymous;

	abstract Path dataDir();

	@BeforeEach
	void connect() throws IOException {
		var key = Files.readString(dataDir().resolve("admin.key")).trim();
		admin = new Api("http://127.0.0.1:" + port, key);
		anonymous = admin.as(null);
	}

	// Authentication and roles

	@Test
	void healthAnswersWithoutAKey() {
		var health = anonymous.get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.text("status")).isEqualTo("UP");
	}

	@Test
	void apiAnswers401WithoutAValidKey() {
		var missing = anonymous.get("/api/v1/models");
		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertThat(missing.text("detail")).contains("Authorization: Bearer");
		assertThat(anonymous.as("arb_not-a-real-key").get("/api/v1/models").status()).isEqualTo(401);
	}

	@Test
	void adminKeyFileIsPrivateAndOnlyItsHashIsStored() throws IOException {
		var file = dataDir().resolve("admin.key");
		var key = Files.readString(file).trim();
		assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
		var stored = jdbc.sql("select count(*) from api_keys where key_hash = :key or prefix = :key").param("key", key).query(Long.class).single();
		assertThat(stored).isZero();
	}

	@Test
	void viewerKeyReadsButGets403OnWrites() {
		var viewer = admin.as(newKey(admin, "viewer"));
		assertThat(viewer.get("/api/v1/models").status()).isEqualTo(200);
		var write = viewer.post("/api/v1/domains", Map.of("name", "Viewer domain"));
		assertThat(write.status()).isEqualTo(403);
		assertThat(write.text("detail")).contains("viewer");
		assertThat(admin.get("/api/v1/domains").json().path("items").toString()).doesNotContain("Viewer domain");
		var gatewayWrite = viewer.post("/v1/traces", Map.of("resourceSpans", List.of()));
		assertThat(gatewayWrite.status()).isEqualTo(403);
		assertThat(gatewayWrite.json().path("error").path("code").asString()).isEqualTo("insufficient_permissions");
	}

	@Test
	void memberKeyCannotManageKeysOrGrantMoreThanItsRole() {
		var member = admin.as(newKey(admin, "member"));
		assertThat(member.post("/api/v1/api-keys", Map.of("name", "x")).status()).isEqualTo(403);
		var owner = admin.post("/api/v1/api-keys", Map.of("name", "adm", "role", "admin"));
		var adminKey = admin.as(owner.text("key"));
		var escalate = adminKey.post("/api/v1/api-keys", Map.of("name", "x", "role", "owner"));
		assertThat(escalate.status()).isEqualTo(400);
		assertThat(escalate.json().path("errors").get(0).path("field").asString()).isEqualTo("role");
	}

	@Test
	void revokedKeyStopsWorkingAndListsShowOnlyThePrefix() {
		var created = admin.post("/api/v1/api-keys", Map.of("name", "temporary", "role", "member"));
		assertThat(created.status()).isEqualTo(201);
		var secret = created.text("key");
		assertThat(secret).startsWith(created.text("prefix"));
		assertThat(admin.as(secret).get("/api/v1/models").status()).isEqualTo(200);

		var list = admin.get("/api/v1/api-keys?size=500");
		assertThat(list.body()).doesNotContain(secret).contains(created.text("prefix"));

		assertThat(admin.delete("/api/v1/api-keys/" + created.id()).status()).isEqualTo(204);
		assertThat(admin.as(secret).get("/api/v1/models").status()).isEqualTo(401);
		assertThat(admin.get("/api/v1/api-keys/" + created.id()).text("revokedAt")).isNotBlank();
	}

	// First start

	@Test
	void firstStartSeedsDomainsModelsAndTiers() {
		var domains = admin.get("/api/v1/domains?size=100").json();
		assertThat(domains.path("total").asInt()).isGreaterThanOrEqualTo(10);
		assertThat(domains.path("items").toString()).contains("Math & Numerical Reasoning", "Stress / Edge Cases");

		var model = modelNamed("deepseek-math-7b-instruct");
		assertThat(model.path("provider").asString()).isEqualTo("deepseek-ai");
		assertThat(model.path("currentPrice").path("inputPerMillion").decimalValue()).isEqualByComparingTo("5.0");
		assertThat(modelNamed("TinyLlama-1.1B-Chat-v1.0").path("currentPrice").path("outputPerMillion").decimalValue())
			.isEqualByComparingTo("0.7");

		var tiers = admin.get("/api/v1/tiers").json().path("items");
		var byName = new java.util.HashMap<String, tools.jackson.databind.JsonNode>();
		tiers.forEach(tier -> byName.put(tier.path("name").asString(), tier));
		assertThat(byName).containsKeys("local", "cloud_fast", "cloud_premium");
		assertThat(byName.get("cloud_fast").path("contextWindow").asInt()).isEqualTo(128_000);
		assertThat(byName.get("cloud_premium").path("inputPerMillion").decimalValue()).isEqualByComparingTo("0.30");
		assertThat(byName.get("local").path("outputPerMillion").decimalValue()).isEqualByComparingTo("0");
	}

	// Models, prices and parameters

	@Test
	void priceHistoryClosesThePreviousPriceAndStaysQueryable() {
		var model = createModel("priced-" + suffix(), Map.of("inputPerMillion", 1.5, "outputPerMillion", 2));
		var first = admin.get("/api/v1/models/" + model + "/prices").json().path("items").get(0);

		var added = admin.post("/api/v1/models/" + model + "/prices", Map.of("inputPerMillion", 3, "outputPerMillion", 4));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);

		var history = admin.get("/api/v1/models/" + model + "/prices").json();
		assertThat(history.path("total").asInt()).isEqualTo(2);
		var newest = history.path("items").get(0);
		var closed = history.path("items").get(1);
		assertThat(newest.path("inputPerMillion").decimalValue()).isEqualByComparingTo("3");
		assertThat(newest.path("effectiveTo").isNull()).isTrue();
		assertThat(closed.path("id").asString()).isEqualTo(first.path("id").asString());
		assertThat(OffsetDateTime.parse(closed.path("effectiveTo").asString()))
			.isEqualTo(OffsetDateTime.parse(newest.path("effectiveFrom").asString()));

		assertThat(admin.get("/api/v1/models/" + model).json().path("currentPrice").path("outputPerMillion").decimalValue())
			.isEqualByComparingTo("4");
	}

	@Test
	void futurePriceIsNotCurrentUntilItTakesEffect() {
		var model = createModel("future-" + suffix(), Map.of("inputPerMillion", 1, "outputPerMillion", 1));
		var nextYear = OffsetDateTime.now(ZoneOffset.UTC).plusYears(1);
		assertThat(admin.post("/api/v1/models/" + model + "/prices",
				Map.of("inputPerMillion", 9, "outputPerMillion", 9, "effectiveFrom", nextYear.toString())).status()).isEqualTo(201);
		assertThat(admin.get("/api/v1/models/" + model).json().path("currentPrice").path("inputPerMillion").decimalValue())
			.isEqualByComparingTo("1");
	}

	@Test
	void priceHistoryIsAppendOnly() {
		var model = createModel("append-" + suffix(), Map.of("inputPerMillion", 1, "outputPerMillion", 1));
		var past = admin.post("/api/v1/models/" + model + "/prices",
				Map.of("inputPerMillion", 2, "outputPerMillion", 2, "effectiveFrom", "2020-01-01T00:00:00Z"));
		assertThat(past.status()).isEqualTo(400);
		assertThat(past.json().path("errors").get(0).path("field").asString()).isEqualTo("effectiveFrom");
		assertThat(admin.get("/api/v1/models/" + model + "/prices").json().path("total").asInt()).isEqualTo(1);
	}

	@Test
	void generationParameterHistoryWorksLikePrices() {
		var model = createModel("params-" + suffix(), null);
		assertThat(admin.post("/api/v1/models/" + model + "/params", Map.of("params", Map.of("temperature", 0.2))).status())
			.isEqualTo(201);
		assertThat(admin.post("/api/v1/models/" + model + "/params", Map.of("params", Map.of("temperature", 0.7, "top_p", 0.9)))
			.status()).isEqualTo(201);
		var current = admin.get("/api/v1/models/" + model).json().path("defaultParams");
		assertThat(current.path("temperature").asDouble()).isEqualTo(0.7);
		var history = admin.get("/api/v1/models/" + model + "/params").json();
		assertThat(history.path("total").asInt()).isEqualTo(2);
		assertThat(history.path("items").get(1).path("effectiveTo").isNull()).isFalse();

		var bad = admin.post("/api/v1/models/" + model + "/params", Map.of("params", Map.of("temperature", 5)));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("params.temperature");
	}

	@Test
	void modelCarriesEveryRegistryField() {
		var parent = createModel("parent-" + suffix(), null);
		var body = new java.util.HashMap<String, Object>();
		body.put("name", "child-" + suffix());
		body.put("provider", "Qwen");
		body.put("displayName", "Child");
		body.put("description", "A fine-tune");
		body.put("tier", "cloud_fast");
		body.put("contextWindow", 8192);
		body.put("capabilities", List.of("chat", "tools", "json"));
		body.put("status", "experimental");
		body.put("version", "2024-09");
		body.put("parentModelId", parent);
		body.put("reference", true);
		body.put("tags", List.of("ft"));
		var created = admin.post("/api/v1/models", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var json = created.json();
		assertThat(json.path("provider").asString()).isEqualTo("Qwen");
		assertThat(json.path("tier").asString()).isEqualTo("cloud_fast");
		assertThat(json.path("status").asString()).isEqualTo("experimental");
		assertThat(json.path("parentModelId").asString()).isEqualTo(parent);
		assertThat(json.path("reference").asBoolean()).isTrue();
		assertThat(json.path("capabilities").toString()).contains("tools");

		var patched = admin.patch("/api/v1/models/" + created.id(), Map.of("status", "DEPRECATED", "contextWindow", 16384));
		assertThat(patched.status()).isEqualTo(200);
		assertThat(patched.text("status")).isEqualTo("deprecated");
		assertThat(patched.json().path("contextWindow").asInt()).isEqualTo(16384);
		assertThat(patched.text("displayName")).isEqualTo("Child");
		assertThat(admin.get("/api/v1/models?status=deprecated&size=500").body()).contains(created.id());
	}

	// Bad input changes nothing

	@Test
	void badInputGetsAProblemNamingTheFieldAndChangesNothing() {
		var models = count("models");
		var audits = count("audit_log");
		var existing = createModel("dup-" + suffix(), null);
		models++;
		audits++;
		var name = admin.get("/api/v1/models/" + existing).text("name");

		var malformed = admin.postRaw("/api/v1/models", "{\"name\": ");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(malformed.contentType()).startsWith("application/problem+json");
		assertThat(malformed.text("detail")).contains("Malformed JSON");

		assertField(admin.post("/api/v1/models", Map.of("name", "t-" + suffix(), "contextWindow", "lots")), 400, "contextWindow");
		assertField(admin.post("/api/v1/models", Map.of("name", "e-" + suffix(), "status", "retired")), 400, "status");
		assertField(admin.post("/api/v1/models", Map.of("name", "n-" + suffix(),
				"price", Map.of("inputPerMillion", -1, "outputPerMillion", 1))), 400, "price.inputPerMillion");
		assertField(admin.post("/api/v1/models", Map.of("name", name)), 409, "name");
		assertField(admin.post("/api/v1/models", Map.of("displayName", "no name")), 400, "name");
		assertField(admin.post("/api/v1/models", Map.of("name", "u-" + suffix(), "color", "red")), 400, "color");
		assertField(admin.post("/api/v1/models", Map.of("name", "p-" + suffix(), "provider", "Nobody")), 400, "provider");
		assertField(admin.post("/api/v1/models/" + existing + "/prices", Map.of("inputPerMillion", 1, "outputPerMillion", -0.01)), 400,
				"outputPerMillion");
		assertField(admin.get("/api/v1/models?size=100000"), 400, "size");

		var unknown = admin.get("/api/v1/models/" + java.util.UUID.randomUUID());
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.text("detail")).contains("not found");
		assertThat(admin.patch("/api/v1/models/" + java.util.UUID.randomUUID(), Map.of("version", "x")).status()).isEqualTo(404);

		assertThat(count("models")).isEqualTo(models);
		assertThat(count("audit_log")).isEqualTo(audits);
	}

	@Test
	void databaseChecksBackTheRules() {
		var model = createModel("checked-" + suffix(), null);
		var org = jdbc.sql("select org_id from models where id = cast(:id as uuid)").param("id", model).query(java.util.UUID.class).single();
		assertThatThrownBy(() -> jdbc.sql("""
				insert into model_prices (id, org_id, model_id, input_per_million, output_per_million, effective_from, created_at)
				values (:id, :org, cast(:model as uuid), -1, 1, current_timestamp, current_timestamp)
				""").param("id", java.util.UUID.randomUUID()).param("org", org).param("model", model).update())
			.isInstanceOf(DataIntegrityViolationException.class);
		assertThatThrownBy(() -> jdbc.sql("update models set status = 'gone' where id = cast(:id as uuid)").param("id", model).update())
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	// Audit log

	@Test
	void everyChangeWritesAnAuditRowWithBeforeAndAfter() {
		var model = createModel("audited-" + suffix(), null);
		admin.patch("/api/v1/models/" + model, Map.of("version", "v2"));
		assertThat(admin.delete("/api/v1/models/" + model).status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/models/" + model).status()).isEqualTo(404);

		var rows = admin.get("/api/v1/audit-log?entityType=model&entityId=" + model).json().path("items");
		assertThat(rows.size()).isEqualTo(3);
		var actions = new ArrayList<String>();
		rows.forEach(row -> actions.add(row.path("action").asString()));
		assertThat(actions).containsExactly("delete", "update", "create");
		var update = rows.get(1);
		assertThat(update.path("before").path("version").isNull()).isTrue();
		assertThat(update.path("after").path("version").asString()).isEqualTo("v2");
		assertThat(update.path("actor").asString()).startsWith("key:arb_");
		assertThat(rows.get(0).path("after").isNull()).isTrue();
	}

	@Test
	void auditLogHasNoWayToChangeIt() {
		createModel("immutable-" + suffix(), null);
		var entry = admin.get("/api/v1/audit-log?size=1").json().path("items").get(0).path("id").asString();
		assertThat(admin.delete("/api/v1/audit-log/" + entry).status()).isIn(404, 405);
		assertThat(admin.put("/api/v1/audit-log/" + entry, Map.of("action", "create")).status()).isIn(404, 405);
		assertThat(admin.post("/api/v1/audit-log", Map.of("action", "create")).status()).isIn(404, 405);
	}

	// Agents and assignments

	@Test
	void agentApiKeyIsWriteOnlyAndEncryptedAtRest() {
		var secret = "sk-test-" + suffix();
		var agent = admin.post("/api/v1/agents", Map.of("name", "gpu-box-" + suffix(), "baseUrl", "http://127.0.0.1:8000/v1",
				"apiType", "openai", "apiKey", secret, "gpuMemoryGb", 24, "maxConcurrency", 8));
		assertThat(agent.status()).as(agent.toString()).isEqualTo(201);
		assertThat(agent.body()).doesNotContain(secret);
		assertThat(agent.json().path("hasApiKey").asBoolean()).isTrue();
		var stored = jdbc.sql("select api_key_encrypted from agents where id = cast(:id as uuid)").param("id", agent.id())
			.query(String.class).single();
		assertThat(stored).isNotBlank().doesNotContain(secret);
		assertThat(admin.get("/api/v1/agents/" + agent.id()).body()).doesNotContain(secret);

		assertField(admin.post("/api/v1/agents", Map.of("name", "bad-" + suffix(), "baseUrl", "ftp://x", "apiType", "openai")), 400, "baseUrl");
		assertField(admin.post("/api/v1/agents", Map.of("name", "bad-" + suffix(), "baseUrl", "http://x", "apiType", "grpc")), 400, "apiType");
	}

	@Test
	void assignmentIsUniquePerAgentAndModel() {
		var agent = admin.post("/api/v1/agents", Map.of("name", "host-" + suffix(), "baseUrl", "http://127.0.0.1:9000/v1",
				"apiType", "openai")).id();
		var model = createModel("served-" + suffix(), null);
		var created = admin.post("/api/v1/assignments", Map.of("agentId", agent, "modelId", model, "upstreamModel", "qwen2.5:3b",
				"matchScore", 80));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text("status")).isEqualTo("ACTIVE");
		assertThat(created.text("method")).isEqualTo("MANUAL");
		assertField(admin.post("/api/v1/assignments", Map.of("agentId", agent, "modelId", model)), 409, "modelId");
		assertField(admin.post("/api/v1/assignments", Map.of("agentId", agent, "modelId", createModel("m-" + suffix(), null),
				"matchScore", 101)), 400, "matchScore");
		assertField(admin.patch("/api/v1/assignments/" + created.id(), Map.of("status", "PAUSED")), 400, "status");
		var patched = admin.patch("/api/v1/assignments/" + created.id(), Map.of("status", "OVERRIDDEN", "weight", 2.5));
		assertThat(patched.text("status")).isEqualTo("OVERRIDDEN");
		assertThat(admin.get("/api/v1/assignments?agentId=" + agent).json().path("total").asInt()).isEqualTo(1);
	}

	// Organization isolation

	@Test
	void anotherOrganizationsIdsAnswer404OnEveryEndpoint() {
		var created = admin.post("/api/v1/organizations", Map.of("name", "other-" + suffix()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var other = admin.as(created.json().path("apiKey").path("key").asString());
		var otherOrg = created.json().path("organization").path("id").asString();

		// The new organization is seeded like the first one, and sees only its own rows.
		assertThat(other.get("/api/v1/models").json().path("total").asInt()).isEqualTo(5);
		assertThat(other.get("/api/v1/domains").json().path("total").asInt()).isEqualTo(10);

		var model = other.post("/api/v1/models", Map.of("name", "secret-model-" + suffix(),
				"price", Map.of("inputPerMillion", 1, "outputPerMillion", 1))).id();
		var provider = other.post("/api/v1/providers", Map.of("name", "secret-provider-" + suffix())).id();
		var agent = other.post("/api/v1/agents", Map.of("name", "secret-agent", "baseUrl", "http://127.0.0.1:1/v1", "apiType", "openai")).id();
		var assignment = other.post("/api/v1/assignments", Map.of("agentId", agent, "modelId", model)).id();
		var domain = other.post("/api/v1/domains", Map.of("name", "Secret domain")).id();
		var key = other.post("/api/v1/api-keys", Map.of("name", "secret key")).id();
		var user = other.post("/api/v1/users", Map.of("username", "secret-" + suffix(), "email", suffix() + "@example.com",
				"password", "correct horse", "role", "member")).id();
		var tier = other.get("/api/v1/tiers").json().path("items").get(0).path("id").asString();
		var audit = other.get("/api/v1/audit-log?size=1").json().path("items").get(0).path("id").asString();

		for (var path : List.of("/api/v1/models/" + model, "/api/v1/models/" + model + "/prices", "/api/v1/models/" + model + "/params",
				"/api/v1/providers/" + provider, "/api/v1/agents/" + agent, "/api/v1/assignments/" + assignment,
				"/api/v1/domains/" + domain, "/api/v1/api-keys/" + key, "/api/v1/users/" + user, "/api/v1/tiers/" + tier,
				"/api/v1/organizations/" + otherOrg)) {
			assertThat(admin.get(path).status()).as("GET " + path).isEqualTo(404);
			assertThat(other.get(path).status()).as("GET " + path + " by its owner").isEqualTo(200);
		}
		for (var path : List.of("/api/v1/models/" + model, "/api/v1/providers/" + provider, "/api/v1/agents/" + agent,
				"/api/v1/assignments/" + assignment, "/api/v1/domains/" + domain, "/api/v1/users/" + user,
				"/api/v1/tiers/" + tier)) {
			assertThat(admin.patch(path, Map.of()).status()).as("PATCH " + path).isEqualTo(404);
		}
		assertThat(admin.patch("/api/v1/organizations/" + otherOrg, Map.of("name", "hijacked-" + suffix())).status()).isEqualTo(404);
		for (var path : List.of("/api/v1/models/" + model, "/api/v1/providers/" + provider, "/api/v1/agents/" + agent,
				"/api/v1/assignments/" + assignment, "/api/v1/api-keys/" + key, "/api/v1/users/" + user)) {
			assertThat(admin.delete(path).status()).as("DELETE " + path).isEqualTo(404);
		}
		assertThat(admin.post("/api/v1/models/" + model + "/prices", Map.of("inputPerMillion", 1, "outputPerMillion", 1)).status())
			.isEqualTo(404);
		assertThat(admin.post("/api/v1/assignments", Map.of("agentId", agent, "modelId", createModel("mine-" + suffix(), null))).status())
			.isEqualTo(404);

		assertThat(admin.get("/api/v1/models?size=500").body()).doesNotContain(model);
		assertThat(admin.get("/api/v1/audit-log?size=500").body()).doesNotContain(audit).doesNotContain(model);
		assertThat(admin.get("/api/v1/organizations").json().path("items").size()).isEqualTo(1);
		assertThat(other.get("/api/v1/models/" + model).status()).isEqualTo(200);
	}

	@Test
	void usersHaveBcryptPasswordsAndRoles() {
		var username = "ada-" + suffix();
		var created = admin.post("/api/v1/users", Map.of("username", username, "email", username + "@example.com",
				"password", "analytical engine", "role", "admin"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.body()).doesNotContain("analytical engine").doesNotContain("password");
		var hash = jdbc.sql("select password_hash from users where username = :u").param("u", username).query(String.class).single();
		assertThat(hash).startsWith("$2");
		assertThat(new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder().matches("analytical engine", hash)).isTrue();
		assertField(admin.post("/api/v1/users", Map.of("username", username, "email", "x" + username + "@example.com",
				"password", "analytical engine", "role", "member")), 409, "username");
		assertField(admin.post("/api/v1/users", Map.of("username", "b" + username, "email", "b" + username + "@example.com",
				"password", "short", "role", "member")), 400, "password");
		assertThat(admin.patch("/api/v1/users/" + created.id(), Map.of("role", "viewer", "active", false)).text("role")).isEqualTo("viewer");
	}

	@Test
	void domainsCanBeCreatedRenamedAndDescribed() {
		var created = admin.post("/api/v1/domains", Map.of("name", "Legal " + suffix(), "description", "Contracts"));
		assertThat(created.status()).isEqualTo(201);
		var slug = created.text("slug");
		assertThat(slug).startsWith("legal-");
		var renamed = admin.patch("/api/v1/domains/" + created.id(), Map.of("name", "Law " + suffix(), "description", "Contracts and courts"));
		assertThat(renamed.text("name")).startsWith("Law ");
		assertThat(renamed.text("slug")).isEqualTo(slug);
		assertThat(renamed.text("description")).isEqualTo("Contracts and courts");
		assertField(admin.post("/api/v1/domains", Map.of("name", "Math & Numerical Reasoning")), 409, "name");
	}

	@Test
	void eventsAreQueryableInTheRollupsWithinFiveSeconds() {
		var model = "fresh-" + suffix();
		var events = new ArrayList<Map<String, Object>>();
		for (int i = 0; i < 20; i++) {
			events.add(Map.of("model", model, "domain", "math", "latencyMs", 100 + i, "itemId", "i" + i, "correct", i % 2 == 0));
		}
		assertThat(admin.post("/api/v1/events", events).status()).isEqualTo(200);
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() -> {
			var row = admin.get("/api/v1/metrics/models?window=24h&model=" + model).json().path("items");
			assertThat(row.size()).isEqualTo(1);
			assertThat(row.get(0).path("requests").asInt()).isEqualTo(20);
			assertThat(row.get(0).path("accuracy").asDouble()).isEqualTo(0.5);
		});
	}

	@Test
	void ingestionAndAggregationAreExposedToPrometheus() {
		admin.post("/api/v1/events", List.of(Map.of("model", "prom-" + suffix(), "latencyMs", 5)));
		var scrape = anonymous.get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		assertThat(scrape.body()).contains("arbiter_events_ingested_total{outcome=\"accepted\"}", "arbiter_aggregation_lag_events");
	}

	@Test
	void apiDocsAndSwaggerUiArePublished() {
		var docs = anonymous.get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().path("paths").has("/api/v1/models/{id}/prices")).isTrue();
		assertThat(docs.body()).doesNotContain("\"caller\"");
		assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

	// Helpers

	String createModel(String name, Map<String, Object> price) {
		var body = new java.util.HashMap<String, Object>(Map.of("name", name));
		if (price != null) {
			body.put("price", price);
		}
		var created = admin.post("/api/v1/models", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	tools.jackson.databind.JsonNode modelNamed(String name) {
		for (var model : admin.get("/api/v1/models?size=500").json().path("items")) {
			if (model.path("name").asString().equals(name)) {
				return model;
			}
		}
		throw new AssertionError("No model named " + name);
	}

	static String newKey(Api api, String role) {
		var created = api.post("/api/v1/api-keys", Map.of("name", role + " key", "role", role));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.text("key");
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	static void assertField(Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		var fields = new ArrayList<String>();
		response.json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
		assertThat(fields).as(response.toString()).contains(field);
	}

	static String suffix() {
		return java.util.UUID.randomUUID().toString().substring(0, 8);
	}

	static BigDecimal decimal(String value) {
		return new BigDecimal(value);
	}
}
