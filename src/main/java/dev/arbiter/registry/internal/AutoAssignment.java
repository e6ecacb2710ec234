package dev.arbiter.registry.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plans auto-assignment for one organization: which agent should host which model so that the
 * total {@link CapabilityMatch} score is as high as it can be. A pure function of the fleet; the
 * {@link AutoAssigner} loads the fleet and writes the plan.
 *
 * <ul>
 * <li>Only assignments with method {@code AUTO} and status {@code ACTIVE} or {@code INACTIVE} are
 * auto-assignment's own; every other assignment (MANUAL, FALLBACK, TESTING, OVERRIDDEN) is left as
 * it is, and its agent × model pair is not available.</li>
 * <li>A model with an {@code ACTIVE} MANUAL or an {@code OVERRIDDEN} assignment is <em>pinned</em>:
 * left out of the solve, and any ACTIVE AUTO assignment of it elsewhere is deactivated.</li>
 * <li>An agent hosts at most {@code maxModels} models (null: unlimited). Assignments that are not
 * auto-assignment's own and not {@code INACTIVE} already fill slots.</li>
 * <li>Each model gets at most one AUTO assignment; infeasible pairs are never chosen.</li>
 * <li>The solve is the {@link Hungarian} algorithm over models × agent slots (an agent with k free
 * slots is k columns). The weight of a pair ranks, in order: its score, then assigning one more
 * model, then keeping an ACTIVE AUTO assignment that exists, so re-running on an unchanged fleet
 * changes nothing and ties never move a model.</li>
 * </ul>
 */
final class AutoAssignment {

	static final String AUTO = "AUTO";

	static final String ACTIVE = "ACTIVE";

	static final String INACTIVE = "INACTIVE";

	private AutoAssignment() {
	}

	/** One cell of the score matrix. */
	record Match(UUID agentId, String agent, UUID modelId, String model, boolean feasible, int score,
			CapabilityMatch.Parts parts, List<String> reasons) {
	}

	/** A pair the plan chose. */
	record Pair(UUID agentId, String agent, UUID modelId, String model, int score, List<String> reasons) {
	}

	/** A model the plan could not place, with why, agent by agent. */
	record Unassigned(UUID modelId, String model, List<String> reasons) {
	}

	/** A model left out of the solve because an assignment that auto-assignment leaves alone serves it. */
	record Pinned(UUID modelId, String model, UUID assignmentId, UUID agentId, String agent, String method, String status) {
	}

	enum Action {
		CREATE, UPDATE, DEACTIVATE
	}

	/** One write: {@code assignmentId} is null for a create that has not been written (a dry run). */
	record Change(Action action, UUID assignmentId, UUID agentId, String agent, UUID modelId, String model, String statusBefore,
			Integer matchScoreBefore, String status, int matchScore) {

		Change withId(UUID id) {
			return new Change(action, id, agentId, agent, modelId, model, statusBefore, matchScoreBefore, status, matchScore);
		}
	}

	record Plan(int totalScore, List<Pair> assigned, List<Unassigned> unassigned, List<Pinned> pinned, List<Change> changes,
			int unchanged) {

		Plan withChanges(List<Change> written) {
			return new Plan(totalScore, assigned, unassigned, pinned, written, unchanged);
		}
	}

	/** The score of every agent × model pair, models first, both in the order given. */
	static List<Match> matches(List<Agents.Agent> agents, List<Model> models) {
		var matrix = new ArrayList<Match>(agents.size() * models.size());
		for (var model : models) {
			for (var agent : agents) {
				matrix.add(match(agent, model));
			}
		}
		return matrix;
	}

	static Match match(Agents.Agent agent, Model model) {
		var result = CapabilityMatch.of(CapabilityMatch.Needs.of(model), CapabilityMatch.Offer.of(agent));
		return new Match(agent.id(), agent.name(), model.id(), model.name(), result.feasible(), result.score(), result.parts(),
				result.reasons());
	}

	static Plan plan(List<Agents.Agent> agents, List<Model> models, List<Assignments.Assignment> existing) {
		var byPair = new HashMap<List<UUID>, Assignments.Assignment>();
		var pins = new LinkedHashMap<UUID, Assignments.Assignment>();
		var used = new HashMap<UUID, Integer>();
		for (var assignment : existing) {
			byPair.put(key(assignment.agentId(), assignment.modelId()), assignment);
			if (isPin(assignment)) {
				pins.putIfAbsent(assignment.modelId(), assignment);
			}
			if (!isOwn(assignment) && !INACTIVE.equals(assignment.status())) {
				used.merge(assignment.agentId(), 1, Integer::sum);
			}
		}

		var pinned = new ArrayList<Pinned>();
		var candidates = new ArrayList<Model>();
		for (var model : models) {
			var pin = pins.get(model.id());
			if (pin == null) {
				candidates.add(model);
			}
			else {
				pinned.add(new Pinned(model.id(), model.name(), pin.id(), pin.agentId(), pin.agent(), pin.method(), pin.status()));
			}
		}

		// The score matrix, with pairs held by assignments that are not auto-assignment's own taken out.
		int n = candidates.size();
		var cells = new Match[n][agents.size()];
		var available = new boolean[n][agents.size()];
		var freeSlots = new int[agents.size()];
		for (int a = 0; a < agents.size(); a++) {
			var agent = agents.get(a);
			int feasible = 0;
			for (int m = 0; m < n; m++) {
				cells[m][a] = match(agent, candidates.get(m));
				var held = byPair.get(key(agent.id(), candidates.get(m).id()));
				available[m][a] = cells[m][a].feasible() && (held == null || isOwn(held));
				feasible += available[m][a] ? 1 : 0;
			}
			int capacity = agent.maxModels() == null ? n : Math.max(0, agent.maxModels() - used.getOrDefault(agent.id(), 0));
			freeSlots[a] = Math.min(capacity, feasible);
		}

		var columns = new ArrayList<Integer>();
		for (int a = 0; a < agents.size(); a++) {
			for (int s = 0; s < freeSlots[a]; s++) {
				columns.add(a);
			}
		}
		long assignedBonus = n + 1L;
		long scale = assignedBonus * n + n + 1L;
		var weights = new long[n][columns.size()];
		for (int m = 0; m < n; m++) {
			for (int c = 0; c < columns.size(); c++) {
				int a = columns.get(c);
				if (available[m][a]) {
					var held = byPair.get(key(agents.get(a).id(), candidates.get(m).id()));
					boolean keeps = held != null && ACTIVE.equals(held.status());
					weights[m][c] = cells[m][a].score() * scale + assignedBonus + (keeps ? 1 : 0);
				}
			}
		}
		int[] chosenColumn = columns.isEmpty() ? new int[n] : Hungarian.maximize(weights);

		var assigned = new ArrayList<Pair>();
		var unassigned = new ArrayList<Unassigned>();
		var changes = new ArrayList<Change>();
		var kept = new HashSet<UUID>();
		int unchanged = 0;
		int total = 0;
		for (int m = 0; m < n; m++) {
			var model = candidates.get(m);
			int c = columns.isEmpty() ? -1 : chosenColumn[m];
			if (c < 0 || weights[m][c] == 0) {
				unassigned.add(new Unassigned(model.id(), model.name(), whyUnassigned(agents, cells[m], available[m], freeSlots,
						byPair, model)));
				continue;
			}
			var agent = agents.get(columns.get(c));
			var cell = cells[m][columns.get(c)];
			assigned.add(new Pair(agent.id(), agent.name(), model.id(), model.name(), cell.score(), cell.reasons()));
			total += cell.score();
			var held = byPair.get(key(agent.id(), model.id()));
			if (held == null) {
				changes.add(new Change(Action.CREATE, null, agent.id(), agent.name(), model.id(), model.name(), null, null, ACTIVE,
						cell.score()));
				continue;
			}
			kept.add(held.id());
			if (ACTIVE.equals(held.status()) && held.matchScore() == cell.score()) {
				unchanged++;
			}
			else {
				changes.add(new Change(Action.UPDATE, held.id(), agent.id(), agent.name(), model.id(), model.name(), held.status(),
						held.matchScore(), ACTIVE, cell.score()));
			}
		}
		for (var assignment : existing) {
			if (isOwn(assignment) && ACTIVE.equals(assignment.status()) && !kept.contains(assignment.id())) {
				changes.add(new Change(Action.DEACTIVATE, assignment.id(), assignment.agentId(), assignment.agent(),
						assignment.modelId(), assignment.model(), assignment.status(), assignment.matchScore(), INACTIVE,
						assignment.matchScore()));
			}
		}
		changes.sort(Comparator.comparing(Change::model).thenComparing(Change::agent));
		return new Plan(total, assigned, unassigned, pinned, changes, unchanged);
	}

	/** Auto-assignment's own assignments: AUTO, and ACTIVE or INACTIVE. */
	static boolean isOwn(Assignments.Assignment assignment) {
		return AUTO.equals(assignment.method()) && (ACTIVE.equals(assignment.status()) || INACTIVE.equals(assignment.status()));
	}

	/** An ACTIVE MANUAL or any OVERRIDDEN assignment keeps its model out of the solve. */
	static boolean isPin(Assignments.Assignment assignment) {
		return "OVERRIDDEN".equals(assignment.status()) || ACTIVE.equals(assignment.status()) && "MANUAL".equals(assignment.method());
	}

	private static List<String> whyUnassigned(List<Agents.Agent> agents, Match[] cells, boolean[] available, int[] freeSlots,
			Map<List<UUID>, Assignments.Assignment> byPair, Model model) {
		if (agents.isEmpty()) {
			return List.of("the organization has no agents");
		}
		var reasons = new ArrayList<String>();
		for (int a = 0; a < agents.size(); a++) {
			var agent = agents.get(a);
			var cell = cells[a];
			var held = byPair.get(key(agent.id(), model.id()));
			if (!cell.feasible()) {
				reasons.add(agent.name() + ": " + String.join("; ", cell.reasons()));
			}
			else if (!available[a]) {
				reasons.add(agent.name() + ": already has a " + held.method() + " assignment (" + held.status()
						+ ") of this model, which auto-assignment leaves alone");
			}
			else if (freeSlots[a] == 0) {
				reasons.add(agent.name() + ": fits with score " + cell.score() + " but is full (maxModels " + agent.maxModels()
						+ ", filled by assignments auto-assignment leaves alone)");
			}
			else {
				reasons.add(agent.name() + ": fits with score " + cell.score() + " but its " + freeSlots[a]
						+ (freeSlots[a] == 1 ? " slot went" : " slots went") + " to other models for a higher total score");
			}
		}
		return reasons;
	}

	private static List<UUID> key(UUID agentId, UUID modelId) {
		return List.of(agentId, modelId);
	}
}
