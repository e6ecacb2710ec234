package dev.arbiter.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.arbiter.ArbiterApplication;
import dev.arbiter.support.Api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Capability matching and auto-assignment over real HTTP. Each test works in an organization of
 * its own with the starter models removed, so the fleet is exactly what the test creates. Runs
 * once per database ({@link H2AssignmentTests}, {@link PostgresAssignmentTests}).
 */
@SpringBootTest(classes = ArbiterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class AssignmentContract {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api admin;

	abstract Path dataDir();

	@BeforeEach
	void connect() throws IOException {
		admin = new Api("http://127.0.0.1:" + port, Files.readString(dataDir().resolve("admin.key")).trim());
	}

	// The new fields

	@Test
	void modelsCarryMinGpuMemoryAndAgentsMaxModels() {
		var org = newOrganization();
		var model = org.api.post("/api/v1/models", Map.of("name", "sized-" + suffix(), "minGpuMemoryGb", 16.5));
		assertThat(model.status()).as(model.toString()).isEqualTo(201);
		assertThat(model.json().path("minGpuMemoryGb").decimalValue()).isEqualByComparingTo("16.5");
		var patched = org.api.patch("/api/v1/models/" + model.id(), Map.of("minGpuMemoryGb", 20));
		assertThat(patched.json().path("minGpuMemoryGb").decimalValue()).isEqualByComparingTo("20");
		assertThat(org.api.patch("/api/v1/models/" + model.id(), Map.of("version", "2")).json().path("minGpuMemoryGb").decimalValue())
			.isEqualByComparingTo("20");

		var agent = org.agent("host", Map.of("maxModels", 3));
		assertThat(org.api.get("/api/v1/agents/" + agent).json().path("maxModels").asInt()).isEqualTo(3);
		assertThat(org.api.patch("/api/v1/agents/" + agent, Map.of("maxModels", 5)).json().path("maxModels").asInt()).isEqualTo(5);
		assertThat(org.api.get("/api/v1/agents/" + org.agent("unlimited", Map.of())).json().path("maxModels").isNull()).isTrue();
	}

	@Test
	void negativeMemoryAndNonPositiveMaxModelsAreRefusedAndChangeNothing() {
		var org = newOrganization();
		assertField(org.api.post("/api/v1/models", Map.of("name", "neg-" + suffix(), "minGpuMemoryGb", -1)), "minGpuMemoryGb");
		var agent = org.agent("host", Map.of("maxModels", 2));
		assertField(org.api.patch("/api/v1/agents/" + agent, Map.of("maxModels", 0)), "maxModels");
		assertField(org.api.post("/api/v1/agents", Map.of("name", "zero", "baseUrl", "http://127.0.0.1:1/v1", "apiType", "openai",
				"maxModels", -2)), "maxModels");
		assertThat(org.api.get("/api/v1/agents/" + agent).json().path("maxModels").asInt()).isEqualTo(2);
		assertThat(org.api.get("/api/v1/models").json().path("total").asInt()).isZero();

		assertThatThrownBy(() -> jdbc.sql("update agents set max_models = 0 where id = cast(:id as uuid)").param("id", agent).update())
			.isInstanceOf(DataIntegrityViolationException.class);
		var model = org.model("checked", 8, 4096, List.of("chat"));
		assertThatThrownBy(() -> jdbc.sql("update models set min_gpu_memory_gb = -1 where id = cast(:id as uuid)").param("id", model)
			.update()).isInstanceOf(DataIntegrityViolationException.class);
	}

	// The score matrix

	@Test
	void matchesShowEveryPairWithItsScorePartsAndReasons() {
		var org = newOrganization();
		var small = org.agent("small", Map.of("gpuMemoryGb", 24, "maxContext", 32768, "maxConcurrency", 16, "features", List.of("tools")));
		var large = org.agent("large", Map.of("gpuMemoryGb", 80, "maxContext", 131072, "maxConcurrency", 16, "features", List.of("tools")));
		var heavy = org.model("heavy", 40, 131072, List.of("chat", "tools"));
		var light = org.model("light", 8, 8192, List.of("chat"));

		var matrix = org.api.get("/api/v1/assignments/matches?size=500").json();
		assertThat(matrix.path("total").asInt()).isEqualTo(4);
		var heavyOnSmall = org.api.get("/api/v1/assignments/matches?modelId=" + heavy + "&agentId=" + small).json().path("items");
		assertThat(heavyOnSmall.size()).isEqualTo(1);
		var cell = heavyOnSmall.get(0);
		assertThat(cell.path("feasible").asBoolean()).isFalse();
		assertThat(cell.path("score").asInt()).isZero();
		assertThat(cell.path("reasons").toString()).contains("model needs 40 GB of GPU memory; the agent has 24 GB")
			.contains("context window 131072 exceeds the agent's max context 32768");

		var lightOnLarge = org.api.get("/api/v1/assignments/matches?modelId=" + light + "&agentId=" + large).json().path("items").get(0);
		assertThat(lightOnLarge.path("feasible").asBoolean()).isTrue();
		assertThat(lightOnLarge.path("score").asInt()).isEqualTo(100);
		assertThat(lightOnLarge.path("parts").path("memory").asInt()).isEqualTo(40);
		assertThat(lightOnLarge.path("reasons").size()).isEqualTo(4);

		assertThat(org.api.get("/api/v1/assignments/matches?agentId=" + large).json().path("total").asInt()).isEqualTo(2);
		assertThat(org.api.get("/api/v1/assignments/matches?modelId=" + UUID.randomUUID()).json().path("total").asInt()).isZero();
	}

	// Auto-assignment

	@Test
	void autoAssignmentFindsThePlanWithTheHighestTotalScore() {
		var org = newOrganization();
		aFleet(org);

		var result = org.api.post("/api/v1/assignments/auto", Map.of());
		assertThat(result.status()).as(result.toString()).isEqualTo(200);
		var plan = result.json();
		assertThat(plan.path("dryRun").asBoolean()).isFalse();
		assertThat(plan.path("totalScore").asInt()).isEqualTo(bruteForceOptimum(org));
		int sum = 0;
		for (var pair : plan.path("assigned")) {
			sum += pair.path("score").asInt();
			assertThat(pair.path("reasons").size()).isEqualTo(4);
		}
		assertThat(sum).isEqualTo(plan.path("totalScore").asInt());
		assertThat(plan.path("created").size()).isEqualTo(plan.path("assigned").size());
		for (var unassigned : plan.path("unassigned")) {
			assertThat(unassigned.path("reasons").size()).as(unassigned.toString()).isEqualTo(3);
		}

		var stored = org.assignments();
		assertThat(stored).hasSize(plan.path("assigned").size());
		var matches = org.matchesByPair();
		var perAgent = new HashMap<String, Integer>();
		var models = new HashSet<String>();
		for (var assignment : stored) {
			assertThat(assignment.path("method").asString()).isEqualTo("AUTO");
			assertThat(assignment.path("status").asString()).isEqualTo("ACTIVE");
			assertThat(assignment.path("upstreamModel").asString()).isEqualTo(assignment.path("model").asString());
			var match = matches.get(assignment.path("agentId").asString() + "/" + assignment.path("modelId").asString());
			assertThat(match.path("feasible").asBoolean()).isTrue();
			assertThat(assignment.path("matchScore").asInt()).isEqualTo(match.path("score").asInt());
			perAgent.merge(assignment.path("agentId").asString(), 1, Integer::sum);
			assertThat(models.add(assignment.path("modelId").asString())).as("one AUTO assignment per model").isTrue();
		}
		for (var agent : org.api.get("/api/v1/agents").json().path("items")) {
			if (!agent.path("maxModels").isNull()) {
				assertThat(perAgent.getOrDefault(agent.path("id").asString(), 0)).isLessThanOrEqualTo(agent.path("maxModels").asInt());
			}
		}
	}

	@Test
	void autoAssignmentRespectsMaxModelsAndUsesNewCapacity() {
		var org = newOrganization();
		var box = org.agent("box", Map.of("gpuMemoryGb", 80, "maxConcurrency", 16, "maxModels", 1));
		org.model("a", 8, 4096, List.of("chat"));
		org.model("b", 16, 4096, List.of("chat"));
		org.model("c", 24, 4096, List.of("chat"));

		var first = org.api.post("/api/v1/assignments/auto", null).json();
		assertThat(first.path("assigned").size()).isEqualTo(1);
		assertThat(first.path("unassigned").size()).isEqualTo(2);
		assertThat(first.path("unassigned").get(0).path("reasons").get(0).asString()).contains(org.name("box") + ": fits with score");

		org.api.patch("/api/v1/agents/" + box, Map.of("maxModels", 2));
		var second = org.api.post("/api/v1/assignments/auto", null).json();
		assertThat(second.path("assigned").size()).isEqualTo(2);
		assertThat(second.path("created").size()).isEqualTo(1);
		assertThat(second.path("deactivated").size()).isZero();
		assertThat(org.assignments()).hasSize(2);
	}

	@Test
	void manualAndOverriddenAssignmentsAreLeftAloneAndFillTheirSlot() {
		var org = newOrganization();
		var one = org.agent("one", Map.of("gpuMemoryGb", 48, "maxConcurrency", 16, "maxModels", 2));
		var two = org.agent("two", Map.of("gpuMemoryGb", 48, "maxConcurrency", 16, "maxModels", 1));
		var manual = org.model("manual", 8, 4096, List.of("chat"));
		var overridden = org.model("overridden", 8, 4096, List.of("chat"));
		org.model("free-1", 8, 4096, List.of("chat"));
		org.model("free-2", 8, 4096, List.of("chat"));
		org.model("free-3", 8, 4096, List.of("chat"));
		var manualAssignment = org.api.post("/api/v1/assignments", Map.of("agentId", one, "modelId", manual, "upstreamModel", "by-hand",
				"matchScore", 3)).json();
		var overriddenAssignment = org.api.post("/api/v1/assignments", Map.of("agentId", two, "modelId", overridden,
				"status", "OVERRIDDEN", "method", "AUTO", "matchScore", 7)).json();

		var plan = org.api.post("/api/v1/assignments/auto", Map.of()).json();
		var pinned = new ArrayList<String>();
		plan.path("pinned").forEach(pin -> pinned.add(pin.path("model").asString()));
		assertThat(pinned).containsExactlyInAnyOrder(org.name("manual"), org.name("overridden"));
		// "one" has one slot left after its manual assignment, "two" none after the overridden one.
		assertThat(plan.path("assigned").size()).isEqualTo(1);
		assertThat(plan.path("assigned").get(0).path("agentId").asString()).isEqualTo(one);
		assertThat(plan.path("unassigned").size()).isEqualTo(2);
		assertThat(plan.path("unassigned").get(0).path("reasons").toString()).contains(org.name("two") + ": fits with score").contains("is full");

		assertThat(org.api.get("/api/v1/assignments/" + manualAssignment.path("id").asString()).json()).isEqualTo(manualAssignment);
		assertThat(org.api.get("/api/v1/assignments/" + overriddenAssignment.path("id").asString()).json()).isEqualTo(overriddenAssignment);

		// Overriding an AUTO assignment takes it out of auto-assignment's hands too.
		var auto = plan.path("created").get(0).path("assignmentId").asString();
		var override = org.api.patch("/api/v1/assignments/" + auto, Map.of("status", "OVERRIDDEN", "matchScore", 1)).json();
		var again = org.api.post("/api/v1/assignments/auto", Map.of()).json();
		assertThat(again.path("pinned").size()).isEqualTo(3);
		assertThat(org.api.get("/api/v1/assignments/" + auto).json()).isEqualTo(override);
		assertThat(again.path("deactivated").size()).isZero();
	}

	@Test
	void runningAgainOnAnUnchangedFleetChangesNothing() {
		var org = newOrganization();
		aFleet(org);
		var first = org.api.post("/api/v1/assignments/auto", Map.of()).json();
		var stored = org.assignments();
		long audits = auditRows(org);

		var second = org.api.post("/api/v1/assignments/auto", Map.of()).json();
		assertThat(second.path("created").size()).isZero();
		assertThat(second.path("updated").size()).isZero();
		assertThat(second.path("deactivated").size()).isZero();
		assertThat(second.path("unchanged").asInt()).isEqualTo(first.path("assigned").size());
		assertThat(second.path("assigned")).isEqualTo(first.path("assigned"));
		assertThat(second.path("totalScore").asInt()).isEqualTo(first.path("totalScore").asInt());
		assertThat(org.assignments()).isEqualTo(stored);
		assertThat(auditRows(org)).isEqualTo(audits);
	}

	@Test
	void aDryRunAnswersThePlanAndWritesNothing() {
		var org = newOrganization();
		aFleet(org);
		long audits = auditRows(org);

		var dry = org.api.post("/api/v1/assignments/auto", Map.of("dryRun", true)).json();
		assertThat(dry.path("dryRun").asBoolean()).isTrue();
		assertThat(dry.path("created").size()).isPositive();
		dry.path("created").forEach(change -> assertThat(change.path("assignmentId").isNull()).isTrue());
		assertThat(org.assignments()).isEmpty();
		assertThat(auditRows(org)).isEqualTo(audits);

		var real = org.api.post("/api/v1/assignments/auto", Map.of("dryRun", false)).json();
		assertThat(real.path("assigned")).isEqualTo(dry.path("assigned"));
		assertThat(real.path("totalScore").asInt()).isEqualTo(dry.path("totalScore").asInt());
		assertField(org.api.post("/api/v1/assignments/auto", Map.of("dryRun", true, "force", true)), "force");
	}

	@Test
	void everyChangeIsAuditedAndAnAssignmentNoLongerChosenBecomesInactive() {
		var org = newOrganization();
		var host = org.agent("host", Map.of("gpuMemoryGb", 48, "maxConcurrency", 16));
		var spare = org.agent("spare", Map.of("gpuMemoryGb", 24, "maxConcurrency", 4));
		var model = org.model("served", 8, 4096, List.of("chat"));

		var created = org.api.post("/api/v1/assignments/auto", Map.of()).json().path("created");
		assertThat(created.size()).isEqualTo(1);
		assertThat(created.get(0).path("agentId").asString()).isEqualTo(host);
		var first = created.get(0).path("assignmentId").asString();
		var audit = org.api.get("/api/v1/audit-log?entityType=assignment&entityId=" + first).json().path("items");
		assertThat(audit.size()).isEqualTo(1);
		assertThat(audit.get(0).path("action").asString()).isEqualTo("create");
		assertThat(audit.get(0).path("actor").asString()).startsWith("key:arb_");
		assertThat(audit.get(0).path("after").path("method").asString()).isEqualTo("AUTO");

		// The host starts draining: the model moves to the spare agent, the old assignment is kept but inactive.
		org.api.patch("/api/v1/agents/" + host, Map.of("status", "draining"));
		var moved = org.api.post("/api/v1/assignments/auto", Map.of()).json();
		assertThat(moved.path("deactivated").size()).isEqualTo(1);
		assertThat(moved.path("deactivated").get(0).path("assignmentId").asString()).isEqualTo(first);
		assertThat(moved.path("created").get(0).path("agentId").asString()).isEqualTo(spare);
		assertThat(org.api.get("/api/v1/assignments/" + first).json().path("status").asString()).isEqualTo("INACTIVE");
		var deactivation = org.api.get("/api/v1/audit-log?entityType=assignment&entityId=" + first).json().path("items").get(0);
		assertThat(deactivation.path("action").asString()).isEqualTo("update");
		assertThat(deactivation.path("before").path("status").asString()).isEqualTo("ACTIVE");
		assertThat(deactivation.path("after").path("status").asString()).isEqualTo("INACTIVE");

		// Back to active: the inactive AUTO assignment is reactivated (an update), not created again.
		org.api.patch("/api/v1/agents/" + host, Map.of("status", "active"));
		var back = org.api.post("/api/v1/assignments/auto", Map.of()).json();
		assertThat(back.path("created").size()).isZero();
		assertThat(back.path("updated").get(0).path("assignmentId").asString()).isEqualTo(first);
		assertThat(back.path("updated").get(0).path("statusBefore").asString()).isEqualTo("INACTIVE");
		assertThat(back.path("deactivated").size()).isEqualTo(1);

		var changes = 0;
		for (var run : List.of(created, moved.path("created"), moved.path("deactivated"), back.path("updated"), back.path("deactivated"))) {
			changes += run.size();
		}
		assertThat(auditRows(org, "assignment")).isEqualTo(changes);
		assertThat(org.assignments()).hasSize(2).allSatisfy(a -> assertThat(a.path("modelId").asString()).isEqualTo(model));
	}

	@Test
	void anotherOrganizationsAgentsAndModelsAreNeverUsed() {
		var mine = newOrganization();
		var theirs = newOrganization();
		var theirAgent = theirs.agent("theirs", Map.of("gpuMemoryGb", 80, "maxConcurrency", 64));
		var theirModel = theirs.model("their-model", 8, 4096, List.of("chat"));
		mine.agent("mine", Map.of("gpuMemoryGb", 16, "maxConcurrency", 4, "maxModels", 1));
		mine.model("my-model-1", 8, 4096, List.of("chat"));
		mine.model("my-model-2", 8, 4096, List.of("chat"));

		var plan = mine.api.post("/api/v1/assignments/auto", Map.of()).json();
		assertThat(plan.toString()).doesNotContain(theirAgent).doesNotContain(theirModel);
		assertThat(plan.path("assigned").size()).isEqualTo(1);
		assertThat(mine.api.get("/api/v1/assignments/matches?size=500").body()).doesNotContain(theirAgent).doesNotContain(theirModel);
		assertThat(mine.api.get("/api/v1/assignments/matches?agentId=" + theirAgent).json().path("total").asInt()).isZero();
		assertThat(mine.api.get("/api/v1/assignments/matches?modelId=" + theirModel).json().path("total").asInt()).isZero();
		assertThat(theirs.assignments()).isEmpty();
		assertThat(jdbc.sql("select count(*) from assignments where agent_id = cast(:a as uuid) or model_id = cast(:m as uuid)")
			.param("a", theirAgent).param("m", theirModel).query(Long.class).single()).isZero();
	}

	@Test
	void aViewerKeyCannotRunAutoAssignment() {
		var org = newOrganization();
		var viewer = org.api.post("/api/v1/api-keys", Map.of("name", "viewer", "role", "viewer")).text("key");
		assertThat(org.api.as(viewer).post("/api/v1/assignments/auto", Map.of()).status()).isEqualTo(403);
		assertThat(org.api.as(viewer).get("/api/v1/assignments/matches").status()).isEqualTo(200);
	}

	// Fixtures

	/**
	 * Three agents with room for four models and six models of different sizes, windows and
	 * capabilities: some pairs infeasible, capacity binding, so the optimum is not the greedy one.
	 */
	static void aFleet(Organization org) {
		org.agent("a100", Map.of("gpuMemoryGb", 80, "maxContext", 131072, "maxConcurrency", 32, "maxModels", 2,
				"features", List.of("tools", "json")));
		org.agent("l4", Map.of("gpuMemoryGb", 24, "maxContext", 32768, "maxConcurrency", 8, "maxModels", 1, "features", List.of("tools")));
		org.agent("l40", Map.of("gpuMemoryGb", 48, "maxContext", 65536, "maxConcurrency", 16, "maxModels", 1,
				"features", List.of("tools", "vision")));
		org.model("llama-70b", 40, 131072, List.of("chat", "tools"));
		org.model("qwen-7b", 8, 8192, List.of("chat"));
		org.model("llava-13b", 20, 32768, List.of("chat", "vision"));
		org.model("phi-mini", 4, 4096, List.of("chat", "json"));
		org.model("mixtral", 30, 65536, List.of("chat", "tools"));
		org.model("gemma-27b", 22, 8192, List.of("chat", "tools"));
	}

	/** The best total score over every way to give each model one agent or none, from the matches endpoint and maxModels. */
	static int bruteForceOptimum(Organization org) {
		var agents = new ArrayList<String>();
		var capacity = new ArrayList<Integer>();
		for (var agent : org.api.get("/api/v1/agents?size=500").json().path("items")) {
			agents.add(agent.path("id").asString());
			capacity.add(agent.path("maxModels").isNull() ? Integer.MAX_VALUE : agent.path("maxModels").asInt());
		}
		var models = new ArrayList<String>();
		for (var model : org.api.get("/api/v1/models?size=500").json().path("items")) {
			models.add(model.path("id").asString());
		}
		var matches = org.matchesByPair();
		var scores = new int[models.size()][agents.size()];
		for (int m = 0; m < models.size(); m++) {
			for (int a = 0; a < agents.size(); a++) {
				var match = matches.get(agents.get(a) + "/" + models.get(m));
				scores[m][a] = match.path("feasible").asBoolean() ? match.path("score").asInt() : -1;
			}
		}
		return best(scores, capacity.stream().mapToInt(Integer::intValue).toArray(), 0);
	}

	private static int best(int[][] scores, int[] capacity, int model) {
		if (model == scores.length) {
			return 0;
		}
		int best = best(scores, capacity, model + 1);
		for (int a = 0; a < capacity.length; a++) {
			if (scores[model][a] >= 0 && capacity[a] > 0) {
				capacity[a]--;
				best = Math.max(best, scores[model][a] + best(scores, capacity, model + 1));
				capacity[a]++;
			}
		}
		return best;
	}

	/** A new organization whose starter models are removed, with its owner key. */
	Organization newOrganization() {
		var created = admin.post("/api/v1/organizations", Map.of("name", "fleet-" + suffix()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var api = admin.as(created.json().path("apiKey").path("key").asString());
		for (var model : api.get("/api/v1/models?size=500").json().path("items")) {
			assertThat(api.delete("/api/v1/models/" + model.path("id").asString()).status()).isEqualTo(204);
		}
		return new Organization(api, created.json().path("organization").path("id").asString(), suffix());
	}

	long auditRows(Organization org) {
		return jdbc.sql("select count(*) from audit_log where org_id = cast(:org as uuid)").param("org", org.id).query(Long.class).single();
	}

	long auditRows(Organization org, String entityType) {
		return jdbc.sql("select count(*) from audit_log where org_id = cast(:org as uuid) and entity_type = :type")
			.param("org", org.id)
			.param("type", entityType)
			.query(Long.class)
			.single();
	}

	/** An organization's API and the suffix that keeps its names apart from other tests'. */
	record Organization(Api api, String id, String tag) {

		String name(String name) {
			return name + "-" + tag;
		}

		String agent(String name, Map<String, Object> fields) {
			var body = new HashMap<String, Object>(fields);
			body.put("name", name(name));
			body.put("baseUrl", "http://127.0.0.1:8000/v1");
			body.put("apiType", "openai");
			var created = api.post("/api/v1/agents", body);
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			return created.id();
		}

		String model(String name, Number minGpuMemoryGb, int contextWindow, List<String> capabilities) {
			var created = api.post("/api/v1/models", Map.of("name", name(name), "minGpuMemoryGb", minGpuMemoryGb,
					"contextWindow", contextWindow, "capabilities", capabilities));
			assertThat(created.status()).as(created.toString()).isEqualTo(201);
			return created.id();
		}

		List<JsonNode> assignments() {
			var list = new ArrayList<JsonNode>();
			api.get("/api/v1/assignments?size=500").json().path("items").forEach(list::add);
			return list;
		}

		Map<String, JsonNode> matchesByPair() {
			var matrix = api.get("/api/v1/assignments/matches?size=500").json();
			assertThat(matrix.path("total").asInt()).isEqualTo(matrix.path("items").size());
			var byPair = new HashMap<String, JsonNode>();
			matrix.path("items").forEach(cell -> byPair.put(cell.path("agentId").asString() + "/" + cell.path("modelId").asString(), cell));
			return byPair;
		}
	}

	static void assertField(Api.Response response, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		var fields = new ArrayList<String>();
		response.json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
		assertThat(fields).as(response.toString()).contains(field);
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}
