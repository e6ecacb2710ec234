package dev.arbiter.evaluation.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;
import dev.arbiter.shared.Time;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of evaluation runs. */
@Repository
class EvalRuns {

	/**
	 * While a run is active its counters are counted from its results (no row every worker
	 * updates); when it ends they are stored once.
	 */
	private static final String SELECT = """
			select id, org_id, suite_id, suite_name, suite_version, domain, models, params, prompt_template, repeats, concurrency,
			       scoring, status, total,
			       case when status in ('pending', 'running')
			            then (select count(*) from eval_results r where r.run_id = e.id and r.success = true) else completed end as completed,
			       case when status in ('pending', 'running')
			            then (select count(*) from eval_results r where r.run_id = e.id and r.success = false) else failed end as failed,
			       case when status in ('pending', 'running')
			            then (select coalesce(sum(tokens_in), 0) from eval_results r where r.run_id = e.id) else tokens_in end as tokens_in,
			       case when status in ('pending', 'running')
			            then (select coalesce(sum(tokens_out), 0) from eval_results r where r.run_id = e.id) else tokens_out end as tokens_out,
			       case when status in ('pending', 'running')
			            then (select coalesce(sum(cost), 0) from eval_results r where r.run_id = e.id) else cost end as cost,
			       error, created_by, created_at, started_at, finished_at
			from eval_runs e
			""";

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<List<Map<String, Object>>> OBJECTS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	EvalRuns(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	void insert(EvalRun run) {
		jdbc.sql("""
				insert into eval_runs (id, org_id, suite_id, suite_name, suite_version, domain, models, params, prompt_template, repeats,
				    concurrency, scoring, status, total, created_by, created_at, updated_at)
				values (:id, :org, :suite, :suiteName, :suiteVersion, :domain, :models, :params, :template, :repeats, :concurrency,
				    :scoring, 'pending', :total, :createdBy, :now, :now)
				""")
			.param("id", run.id())
			.param("org", run.orgId())
			.param("suite", run.suiteId())
			.param("suiteName", run.suiteName())
			.param("suiteVersion", run.suiteVersion())
			.param("domain", run.domain())
			.param("models", json.writeValueAsString(run.models()))
			.param("params", json.writeValueAsString(run.params()))
			.param("template", run.promptTemplate())
			.param("repeats", run.repeats())
			.param("concurrency", run.concurrency())
			.param("scoring", json.writeValueAsString(run.scoring()))
			.param("total", run.total())
			.param("createdBy", run.createdBy())
			.param("now", Time.now())
			.update();
	}

	Optional<EvalRun> byId(UUID orgId, UUID id) {
		return jdbc.sql(SELECT + " where org_id = :org and id = :id").param("org", orgId).param("id", id).query(this::map).optional();
	}

	Page<EvalRun> page(UUID orgId, PageRequest request) {
		var items = jdbc.sql(SELECT + " where org_id = :org order by created_at desc, id limit :limit offset :offset")
			.param("org", orgId)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(this::map)
			.list();
		long total = jdbc.sql("select count(*) from eval_runs where org_id = :org").param("org", orgId).query(Long.class).single();
		return request.of(items, total);
	}

	/** Runs that were pending or running when the server stopped. */
	List<EvalRun> unfinished() {
		return jdbc.sql(SELECT + " where status in ('pending', 'running') order by created_at").query(this::map).list();
	}

	void markRunning(UUID id) {
		jdbc.sql("update eval_runs set status = 'running', started_at = coalesce(started_at, :now), updated_at = :now"
				+ " where id = :id and status in ('pending', 'running')")
			.param("now", Time.now())
			.param("id", id)
			.update();
	}

	/** Ends a run unless it already ended (a cancelled run stays cancelled). */
	void finish(UUID id, EvalRun.Status status, String error) {
		recount(id);
		jdbc.sql("update eval_runs set status = :status, error = :error, finished_at = :now, updated_at = :now"
				+ " where id = :id and status in ('pending', 'running')")
			.param("status", status.wire())
			.param("error", error)
			.param("now", Time.now())
			.param("id", id)
			.update();
	}

	/** Stores the counters counted from the results (when a run ends). */
	void recount(UUID id) {
		jdbc.sql("""
				update eval_runs set
				    completed = (select count(*) from eval_results r where r.run_id = :id and r.success = true),
				    failed = (select count(*) from eval_results r where r.run_id = :id and r.success = false),
				    tokens_in = (select coalesce(sum(tokens_in), 0) from eval_results r where r.run_id = :id),
				    tokens_out = (select coalesce(sum(tokens_out), 0) from eval_results r where r.run_id = :id),
				    cost = (select coalesce(sum(cost), 0) from eval_results r where r.run_id = :id)
				where id = :id
				""").param("id", id).update();
	}

	private EvalRun map(ResultSet rs, int row) throws SQLException {
		return new EvalRun(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getObject("suite_id", UUID.class),
				rs.getString("suite_name"), rs.getString("suite_version"), rs.getString("domain"),
				json.readValue(rs.getString("models"), STRINGS), json.readValue(rs.getString("params"), EvalRun.Params.class),
				rs.getString("prompt_template"), rs.getInt("repeats"), rs.getInt("concurrency"),
				json.readValue(rs.getString("scoring"), OBJECTS), EvalRun.Status.valueOf(rs.getString("status").toUpperCase()),
				rs.getInt("total"), rs.getInt("completed"), rs.getInt("failed"), rs.getLong("tokens_in"), rs.getLong("tokens_out"),
				rs.getBigDecimal("cost"), rs.getString("error"), rs.getString("created_by"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("started_at", OffsetDateTime.class),
				rs.getObject("finished_at", OffsetDateTime.class));
	}
}
