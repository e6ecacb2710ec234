package dev.arbiter.tenancy;

import dev.arbiter.shared.Time;
import java.time.OffsetDateTime;
import java.util.UUID;

import tools.jackson.databind.ObjectMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends one row per create, update and delete: who, what, which entity, and the entity before
 * and after as JSON. Call it inside the transaction that makes the change, so both land or
 * neither does. Nothing updates or deletes audit rows. Each row is also published as an
 * {@link EntityChanged} event.
 */
@Component
public class AuditLog {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final ApplicationEventPublisher events;

	AuditLog(JdbcClient jdbc, ObjectMapper json, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
	}

	public void created(Caller caller, String entityType, Object entityId, Object after) {
		append(caller, "create", entityType, entityId, null, after);
	}

	public void updated(Caller caller, String entityType, Object entityId, Object before, Object after) {
		append(caller, "update", entityType, entityId, before, after);
	}

	public void deleted(Caller caller, String entityType, Object entityId, Object before) {
		append(caller, "delete", entityType, entityId, before, null);
	}

	private void append(Caller caller, String action, String entityType, Object entityId, Object before, Object after) {
		jdbc.sql("""
				insert into audit_log (id, org_id, actor, action, entity_type, entity_id, before_json, after_json, created_at)
				values (:id, :org, :actor, :action, :type, :entity, :before, :after, :at)
				""")
			.param("id", UUID.randomUUID())
			.param("org", caller.orgId())
			.param("actor", caller.actor())
			.param("action", action)
			.param("type", entityType)
			.param("entity", entityId == null ? null : entityId.toString())
			.param("before", before == null ? null : json.writeValueAsString(before))
			.param("after", after == null ? null : json.writeValueAsString(after))
			.param("at", Time.now())
			.update();
		events.publishEvent(new EntityChanged(caller.orgId(), entityType, action, entityId == null ? null : entityId.toString()));
	}
}
