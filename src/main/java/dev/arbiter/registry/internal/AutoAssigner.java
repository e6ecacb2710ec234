package dev.arbiter.registry.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.UUID;

import dev.arbiter.tenancy.AuditLog;
import dev.arbiter.tenancy.Caller;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs {@link AutoAssignment} for the caller's organization and writes the plan: creates the new
 * AUTO assignments, updates the kept ones whose score or status changed, deactivates the ones no
 * longer chosen, and audits each write, all in one transaction. Two runs for one organization
 * take turns (the first locks the organization's agents).
 */
@Component
class AutoAssigner {

	private final Agents agents;

	private final Models models;

	private final Assignments assignments;

	private final AuditLog audit;

	AutoAssigner(Agents agents, Models models, Assignments assignments, AuditLog audit) {
		this.agents = agents;
		this.models = models;
		this.assignments = assignments;
		this.audit = audit;
	}

	/** The plan, written unless {@code dryRun}. */
	@Transactional
	AutoAssignment.Plan run(Caller caller, boolean dryRun) {
		var org = caller.orgId();
		if (!dryRun) {
			agents.lockAll(org);
		}
		var plan = AutoAssignment.plan(agents.allOf(org), models.allOf(org), assignments.allOf(org));
		if (dryRun) {
			return plan;
		}
		var written = new ArrayList<AutoAssignment.Change>();
		for (var change : plan.changes()) {
			written.add(write(caller, change));
		}
		return plan.withChanges(written);
	}

	private AutoAssignment.Change write(Caller caller, AutoAssignment.Change change) {
		var org = caller.orgId();
		if (change.action() == AutoAssignment.Action.CREATE) {
			var id = UUID.randomUUID();
			assignments.save(org, id, change.agentId(), change.modelId(), change.model(), change.matchScore(), change.status(),
					AutoAssignment.AUTO, BigDecimal.ONE, true);
			audit.created(caller, "assignment", id, assignments.byId(org, id).orElseThrow());
			return change.withId(id);
		}
		var before = assignments.byId(org, change.assignmentId()).orElseThrow();
		assignments.save(org, before.id(), before.agentId(), before.modelId(), before.upstreamModel(), change.matchScore(),
				change.status(), before.method(), before.weight(), false);
		audit.updated(caller, "assignment", before.id(), before, assignments.byId(org, before.id()).orElseThrow());
		return change;
	}
}
