package dev.arbiter.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.arbiter.inference.simulator.Simulator;
import dev.arbiter.inference.simulator.SimulatorConfig;
import dev.arbiter.support.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulator with models of known quality and speed, registered in an organization as models,
 * an agent and assignments, and a math suite of arithmetic items the simulator knows.
 */
final class EvalFixture {

	static final int ITEMS = 100;

	static Simulator simulator(double slowMedianMs) {
		var items = new ArrayList<SimulatorConfig.Item>();
		for (int i = 0; i < ITEMS; i++) {
			items.add(new SimulatorConfig.Item(question(i), String.valueOf(answer(i)), "math"));
		}
		var config = SimulatorConfig.of(42, SimulatorConfig.Model.named("sim-good").withAccuracy("math", 0.9).withLatency(5, 10),
				SimulatorConfig.Model.named("sim-poor").withAccuracy("math", 0.6).withLatency(5, 10),
				SimulatorConfig.Model.named("sim-slow").withAccuracy("math", 0.8).withLatency(slowMedianMs, slowMedianMs * 1.5))
			.withItems(items);
		return Simulator.start(config, 0);
	}

	static String question(int i) {
		return "What is " + (17 * i + 3) + " plus " + (i * i % 97) + "? Answer with a number.";
	}

	static int answer(int i) {
		return 17 * i + 3 + i * i % 97;
	}

	/** Registers the simulator's models and a suite in the caller's organization; answers the suite id. */
	static String register(Api api, Simulator simulator, String suiteName, int items) {
		var agent = api.post("/api/v1/agents", Map.of("name", "simulator-" + suiteName, "baseUrl", simulator.baseUri().toString(),
				"apiType", "openai", "maxConcurrency", 64));
		assertThat(agent.status()).as(agent.toString()).isEqualTo(201);
		for (var model : List.of("sim-good", "sim-poor", "sim-slow")) {
			var existing = api.get("/api/v1/models?size=500").body().contains("\"name\":\"" + model + "\"");
			String modelId;
			if (existing) {
				modelId = null;
				for (var m : api.get("/api/v1/models?size=500").json().path("items")) {
					if (m.path("name").asString().equals(model)) {
						modelId = m.path("id").asString();
					}
				}
				for (var a : api.get("/api/v1/assignments?modelId=" + modelId).json().path("items")) {
					api.patch("/api/v1/assignments/" + a.path("id").asString(), Map.of("status", "INACTIVE"));
				}
			}
			else {
				var created = api.post("/api/v1/models", Map.of("name", model, "price", Map.of("inputPerMillion", 1, "outputPerMillion", 2)));
				assertThat(created.status()).as(created.toString()).isEqualTo(201);
				modelId = created.id();
			}
			var assignment = api.post("/api/v1/assignments", Map.of("agentId", agent.id(), "modelId", modelId, "matchScore", 90));
			assertThat(assignment.status()).as(assignment.toString()).isEqualTo(201);
		}
		var suite = api.post("/api/v1/suites", Map.of("name", suiteName, "version", "1", "domain", "math",
				"scoring", List.of(Map.of("type", "numeric"))));
		assertThat(suite.status()).as(suite.toString()).isEqualTo(201);
		var jsonl = new StringBuilder();
		for (int i = 0; i < items; i++) {
			jsonl.append("{\"prompt\":\"").append(question(i)).append("\",\"expected\":\"").append(answer(i)).append("\"}\n");
		}
		var imported = api.postRaw("/api/v1/suites/" + suite.id() + "/items:import?format=jsonl", jsonl.toString());
		assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
		assertThat(imported.json().path("imported").asInt()).isEqualTo(items);
		return suite.id();
	}

	private EvalFixture() {
	}
}
