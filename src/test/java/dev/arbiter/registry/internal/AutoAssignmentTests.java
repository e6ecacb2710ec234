package dev.arbiter.registry.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.arbiter.registry.ModelStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class AutoAssignmentTests {

	@Test
	void placesTheBigModelWhereOnlyItFitsAndTheSmallOneElsewhere() {
		var big = anAgent("big", "80", 1);
		var small = anAgent("small", "24", 1);
		var large = aModel("large", "40");
		var tiny = aModel("tiny", "4");
		var plan = AutoAssignment.plan(List.of(big, small), List.of(large, tiny), List.of());
		assertThat(plan.assigned()).extracting(AutoAssignment.Pair::model, AutoAssignment.Pair::agent)
			.containsExactlyInAnyOrder(tuple("large", "big"), tuple("tiny", "small"));
		assertThat(plan.changes()).extracting(AutoAssignment.Change::action).containsOnly(AutoAssignment.Action.CREATE);
		assertThat(plan.unassigned()).isEmpty();
	}

	@Test
	void reportsWhyAModelIsLeftUnassigned() {
		var box = anAgent("box", "24", 1);
		var plan = AutoAssignment.plan(List.of(box), List.of(aModel("a", "8"), aModel("b", "8"), aModel("huge", "100")), List.of());
		assertThat(plan.assigned()).hasSize(1);
		assertThat(plan.unassigned()).hasSize(2);
		var huge = plan.unassigned().stream().filter(u -> u.model().equals("huge")).findFirst().orElseThrow();
		assertThat(huge.reasons()).containsExactly("box: model needs 100 GB of GPU memory; the agent has 24 GB");
		var other = plan.unassigned().stream().filter(u -> !u.model().equals("huge")).findFirst().orElseThrow();
		assertThat(other.reasons().get(0)).contains("fits with score").contains("slot went to other models");
	}

	@Test
	void keepsTheExistingAutoAssignmentWhenAnotherAgentWouldScoreTheSame() {
		var first = anAgent("a-first", "24", 1);
		var second = anAgent("b-second", "24", 1);
		var model = aModel("m", "8");
		var score = AutoAssignment.match(second, model).score();
		var existing = anAssignment(second, model, "AUTO", "ACTIVE", score);
		var plan = AutoAssignment.plan(List.of(first, second), List.of(model), List.of(existing));
		assertThat(plan.assigned()).singleElement().extracting(AutoAssignment.Pair::agent).isEqualTo("b-second");
		assertThat(plan.changes()).isEmpty();
		assertThat(plan.unchanged()).isEqualTo(1);
	}

	@Test
	void pinnedModelsStayOutAndFillTheirAgentsSlot() {
		var box = anAgent("box", "24", 1);
		var other = anAgent("other", "24", 2);
		var pinned = aModel("pinned", "8");
		var free = aModel("free", "8");
		var manual = anAssignment(box, pinned, "MANUAL", "ACTIVE", 50);
		var staleAuto = anAssignment(other, pinned, "AUTO", "ACTIVE", 70);
		var plan = AutoAssignment.plan(List.of(box, other), List.of(pinned, free), List.of(manual, staleAuto));
		assertThat(plan.pinned()).singleElement().extracting(AutoAssignment.Pinned::model).isEqualTo("pinned");
		assertThat(plan.assigned()).singleElement().satisfies(pair -> {
			assertThat(pair.model()).isEqualTo("free");
			assertThat(pair.agent()).isEqualTo("other");
		});
		assertThat(plan.changes()).extracting(AutoAssignment.Change::action, AutoAssignment.Change::assignmentId)
			.contains(tuple(AutoAssignment.Action.DEACTIVATE, staleAuto.id()));
	}

	@Test
	void aPairHeldByAnotherMethodIsNotAvailable() {
		var box = anAgent("box", "24", null);
		var model = aModel("m", "8");
		var fallback = anAssignment(box, model, "FALLBACK", "INACTIVE", 10);
		var plan = AutoAssignment.plan(List.of(box), List.of(model), List.of(fallback));
		assertThat(plan.assigned()).isEmpty();
		assertThat(plan.unassigned()).singleElement().satisfies(u -> assertThat(u.reasons().get(0)).contains("FALLBACK"));
		assertThat(plan.changes()).isEmpty();
	}

	@Test
	void equalsBruteForceOnRandomFleets() {
		var random = new Random(11);
		for (int round = 0; round < 300; round++) {
			var agents = new ArrayList<Agents.Agent>();
			for (int a = 0, count = 1 + random.nextInt(3); a < count; a++) {
				agents.add(anAgent("agent-" + a, String.valueOf(8 + random.nextInt(73)),
						random.nextInt(3) == 0 ? null : 1 + random.nextInt(2), 1 + random.nextInt(32),
						random.nextInt(4) == 0 ? List.of() : List.of("tools")));
			}
			var models = new ArrayList<Model>();
			for (int m = 0, count = 1 + random.nextInt(5); m < count; m++) {
				models.add(aModel("model-" + m, String.valueOf(random.nextInt(60)), 1024 * (1 + random.nextInt(64)),
						random.nextInt(3) == 0 ? List.of("chat", "tools") : List.of("chat")));
			}
			var plan = AutoAssignment.plan(agents, models, List.of());
			var matrix = new int[models.size()][agents.size()];
			for (int m = 0; m < models.size(); m++) {
				for (int a = 0; a < agents.size(); a++) {
					var match = AutoAssignment.match(agents.get(a), models.get(m));
					matrix[m][a] = match.feasible() ? match.score() : -1;
				}
			}
			var capacity = agents.stream().mapToInt(agent -> agent.maxModels() == null ? Integer.MAX_VALUE : agent.maxModels()).toArray();
			assertThat(plan.totalScore()).as("round %d", round).isEqualTo(bruteForce(matrix, capacity, 0));
			var perAgent = new int[agents.size()];
			for (var pair : plan.assigned()) {
				int a = agents.indexOf(agents.stream().filter(agent -> agent.id().equals(pair.agentId())).findFirst().orElseThrow());
				perAgent[a]++;
				assertThat(perAgent[a]).isLessThanOrEqualTo(capacity[a]);
				assertThat(pair.score()).isEqualTo(AutoAssignment.match(agents.get(a), models.stream()
					.filter(model -> model.id().equals(pair.modelId())).findFirst().orElseThrow()).score());
			}
		}
	}

	/** The best total over every way to give each model one agent or none, within capacity, feasible pairs only. */
	static int bruteForce(int[][] matrix, int[] capacity, int model) {
		if (model == matrix.length) {
			return 0;
		}
		int best = bruteForce(matrix, capacity, model + 1);
		for (int a = 0; a < capacity.length; a++) {
			if (matrix[model][a] >= 0 && capacity[a] > 0) {
				capacity[a]--;
				best = Math.max(best, matrix[model][a] + bruteForce(matrix, capacity, model + 1));
				capacity[a]++;
			}
		}
		return best;
	}

	static Agents.Agent anAgent(String name, String gpuMemoryGb, Integer maxModels) {
		return anAgent(name, gpuMemoryGb, maxModels, 16, List.of("tools"));
	}

	static Agents.Agent anAgent(String name, String gpuMemoryGb, Integer maxModels, int maxConcurrency, List<String> features) {
		return new Agents.Agent(UUID.randomUUID(), name, "http://127.0.0.1:8000/v1", "openai", false, new BigDecimal(gpuMemoryGb),
				maxConcurrency, 32768, maxModels, features, "active", null, null);
	}

	static Model aModel(String name, String minGpuMemoryGb) {
		return aModel(name, minGpuMemoryGb, 8192, List.of("chat"));
	}

	static Model aModel(String name, String minGpuMemoryGb, Integer contextWindow, List<String> capabilities) {
		return new Model(UUID.randomUUID(), name, null, null, null, null, null, contextWindow, capabilities,
				new BigDecimal(minGpuMemoryGb), ModelStatus.ACTIVE, null, null, false, Map.of(), List.of(), null, null, null);
	}

	static Assignments.Assignment anAssignment(Agents.Agent agent, Model model, String method, String status, int score) {
		return new Assignments.Assignment(UUID.randomUUID(), agent.id(), agent.name(), model.id(), model.name(), model.name(), score,
				status, method, BigDecimal.ONE, 0, null, null, null, null, null);
	}
}
