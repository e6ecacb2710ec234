package dev.arbiter.registry.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.arbiter.shared.Conflict;
import dev.arbiter.shared.NotFound;
import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;
import dev.arbiter.tenancy.AuditLog;
import dev.arbiter.tenancy.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Which agent serves which model (unique per agent and model). */
@RestController
@RequestMapping("/api/v1/assignments")
class AssignmentController {

	private final Assignments assignments;

	private final Agents agents;

	private final Models models;

	private final AuditLog audit;

	private final AutoAssigner autoAssigner;

	AssignmentController(Assignments assignments, Agents agents, Models models, AuditLog audit, AutoAssigner autoAssigner) {
		this.assignments = assignments;
		this.agents = agents;
		this.models = models;
		this.audit = audit;
		this.autoAssigner = autoAssigner;
	}

	@GetMapping
	Page<Assignments.Assignment> list(Caller caller, PageRequest page, @RequestParam(required = false) UUID agentId,
			@RequestParam(required = false) UUID modelId, @RequestParam(required = false) AssignmentStatus status) {
		return assignments.page(caller.orgId(), agentId, modelId, status == null ? null : status.name(), page);
	}

	/**
	 * The capability score of every agent × model pair of the organization (models by name, then
	 * agents by name), with its parts and reasons; {@code modelId} and {@code agentId} narrow it.
	 */
	@GetMapping("/matches")
	Page<AutoAssignment.Match> matches(Caller caller, PageRequest page, @RequestParam(required = false) UUID modelId,
			@RequestParam(required = false) UUID agentId) {
		var org = caller.orgId();
		var fleet = agentId == null ? agents.allOf(org) : agents.byId(org, agentId).map(List::of).orElse(List.<Agents.Agent>of());
		var served = modelId == null ? models.allOf(org) : models.byId(org, modelId).map(List::of).orElse(List.<Model>of());
		var matrix = AutoAssignment.matches(fleet, served);
		int from = (int) Math.min(page.offset(), matrix.size());
		int to = (int) Math.min(page.offset() + page.limit(), matrix.size());
		return page.of(matrix.subList(from, to), matrix.size());
	}

	/**
	 * Assigns models to agents for the highest total match score within each agent's
	 * {@code maxModels}; see {@link AutoAssignment} for the rules. {@code {"dryRun": true}} answers
	 * the plan and writes nothing.
	 */
	@PostMapping("/auto")
	AutoAssignResult auto(Caller caller, @RequestBody(required = false) AutoAssign request) {
		boolean dryRun = request != null && Boolean.TRUE.equals(request.dryRun());
		return AutoAssignResult.of(autoAssigner.run(caller, dryRun), dryRun);
	}

	@GetMapping("/{id}")
	Assignments.Assignment get(Caller caller, @PathVariable UUID id) {
		return assignments.byId(caller.orgId(), id).orElseThrow(() -> new NotFound("Assignment", id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Assignments.Assignment create(Caller caller, @Valid @RequestBody NewAssignment request) {
		var agent = agents.byId(caller.orgId(), request.agentId()).orElseThrow(() -> new NotFound("Agent", request.agentId()));
		var model = models.byId(caller.orgId(), request.modelId()).orElseThrow(() -> new NotFound("Model", request.modelId()));
		if (assignments.exists(agent.id(), model.id())) {
			throw new Conflict("modelId", "Agent '" + agent.name() + "' already serves model '" + model.name() + "'");
		}
		var id = UUID.randomUUID();
		assignments.save(caller.orgId(), id, agent.id(), model.id(),
				request.upstreamModel() == null ? model.name() : request.upstreamModel(),
				request.matchScore() == null ? 50 : request.matchScore(),
				(request.status() == null ? AssignmentStatus.ACTIVE : request.status()).name(),
				(request.method() == null ? AssignmentMethod.MANUAL : request.method()).name(),
				request.weight() == null ? BigDecimal.ONE : request.weight(), true);
		var created = get(caller, id);
		audit.created(caller, "assignment", id, created);
		return created;
	}

	@PatchMapping("/{id}")
	@Transactional
	Assignments.Assignment update(Caller caller, @PathVariable UUID id, @Valid @RequestBody AssignmentChanges request) {
		var before = get(caller, id);
		assignments.save(caller.orgId(), id, before.agentId(), before.modelId(),
				request.upstreamModel() == null ? before.upstreamModel() : request.upstreamModel(),
				request.matchScore() == null ? before.matchScore() : request.matchScore(),
				request.status() == null ? before.status() : request.status().name(),
				request.method() == null ? before.method() : request.method().name(),
				request.weight() == null ? before.weight() : request.weight(), false);
		var after = get(caller, id);
		audit.updated(caller, "assignment", id, before, after);
		return after;
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void delete(Caller caller, @PathVariable UUID id) {
		var before = get(caller, id);
		assignments.delete(caller.orgId(), id);
		audit.deleted(caller, "assignment", id, before);
	}

	enum AssignmentStatus {
		ACTIVE, INACTIVE, TESTING, OVERRIDDEN
	}

	enum AssignmentMethod {
		AUTO, MANUAL, FALLBACK
	}

	record NewAssignment(@NotNull UUID agentId, @NotNull UUID modelId, @Size(min = 1, max = 200) String upstreamModel,
			@Min(0) @Max(100) Integer matchScore, AssignmentStatus status, AssignmentMethod method,
			@DecimalMin("0") BigDecimal weight) {
	}

	record AutoAssign(Boolean dryRun) {
	}

	/** What auto-assignment chose, what it could not place and why, and what it wrote (or would write, in a dry run). */
	record AutoAssignResult(boolean dryRun, int totalScore, List<AutoAssignment.Pair> assigned,
			List<AutoAssignment.Unassigned> unassigned, List<AutoAssignment.Pinned> pinned, List<AutoAssignment.Change> created,
			List<AutoAssignment.Change> updated, List<AutoAssignment.Change> deactivated, int unchanged) {

		static AutoAssignResult of(AutoAssignment.Plan plan, boolean dryRun) {
			return new AutoAssignResult(dryRun, plan.totalScore(), plan.assigned(), plan.unassigned(), plan.pinned(),
					changes(plan, AutoAssignment.Action.CREATE), changes(plan, AutoAssignment.Action.UPDATE),
					changes(plan, AutoAssignment.Action.DEACTIVATE), plan.unchanged());
		}

		private static List<AutoAssignment.Change> changes(AutoAssignment.Plan plan, AutoAssignment.Action action) {
			return plan.changes().stream().filter(change -> change.action() == action).toList();
		}
	}

	record AssignmentChanges(@Size(min = 1, max = 200) String upstreamModel, @Min(0) @Max(100) Integer matchScore,
			AssignmentStatus status, AssignmentMethod method, @DecimalMin("0") BigDecimal weight) {
	}
}
