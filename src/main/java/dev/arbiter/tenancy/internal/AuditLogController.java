package dev.arbiter.tenancy.internal;

import java.time.OffsetDateTime;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;
import dev.arbiter.tenancy.Caller;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads the audit log, newest first. There is deliberately no way to change or delete it. */
@RestController
@RequestMapping("/api/v1/audit-log")
class AuditLogController {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	AuditLogController(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@GetMapping
	Page<Entry> list(Caller caller, PageRequest page, @RequestParam(required = false) String entityType,
			@RequestParam(required = false) String entityId) {
		var where = " where org_id = :org and (cast(:type as varchar) is null or entity_type = :type)"
				+ " and (cast(:entity as varchar) is null or entity_id = :entity)";
		var items = jdbc.sql("select id, actor, action, entity_type, entity_id, before_json, after_json, created_at"
				+ " from audit_log" + where + " order by created_at desc, id limit :limit offset :offset")
			.param("org", caller.orgId())
			.param("type", entityType)
			.param("entity", entityId)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query((rs, row) -> new Entry(rs.getObject("id", UUID.class), rs.getString("actor"), rs.getString("action"),
					rs.getString("entity_type"), rs.getString("entity_id"), parse(rs.getString("before_json")),
					parse(rs.getString("after_json")), rs.getObject("created_at", OffsetDateTime.class)))
			.list();
		long total = jdbc.sql("select count(*) from audit_log" + where)
			.param("org", caller.orgId())
			.param("type", entityType)
			.param("entity", entityId)
			.query(Long.class)
			.single();
		return page.of(items, total);
	}

	private JsonNode parse(String text) {
		return text == null ? null : json.readTree(text);
	}

	record Entry(UUID id, String actor, String action, String entityType, String entityId, JsonNode before,
			JsonNode after, OffsetDateTime createdAt) {
	}
}
