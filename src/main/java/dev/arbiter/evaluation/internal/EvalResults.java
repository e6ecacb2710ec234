package dev.arbiter.evaluation.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.arbiter.evaluation.internal.scoring.Score;
import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of evaluation results and scores, and the per-model summary SQL computes from them. */
@Repository
class EvalResults {

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	EvalResults(JdbcClient jdbc, JdbcTemplate template) {
		this.jdbc = jdbc;
		this.template = template;
	}

	/** One finished call of a run; {@code passed} is null when the call failed. */
	record Result(UUID id, UUID runId, String model, String agent, UUID itemId, int itemPosition, int repeatIndex, String output,
			Boolean passed, boolean success, String errorType, String error, Double latencyMs, Integer tokensIn, Integer tokensOut, BigDecimal cost,
			String finishReason, List<Score> scores, OffsetDateTime createdAt) {

		static String key(String model, UUID itemId, int repeatIndex) {
			return model + "|" + itemId + "|" + repeatIndex;
		}
	}

	/** The (model, item, repeat) keys a run already has results for. */
	Set<String> doneKeys(UUID runId) {
		var keys = new HashSet<String>();
		template.query("select model, item_id, repeat_index from eval_results where run_id = ?",
				rs -> {
					keys.add(Result.key(rs.getString(1), rs.getObject(2, UUID.class), rs.getInt(3)));
				}, runId);
		return keys;
	}

	/** Every stored result of a run, without output or scores: what its metric events are made of. */
	List<Result> stored(UUID runId) {
		return template.query("""
				select id, model, agent, item_id, item_position, repeat_index, passed, success, error_type, latency_ms, tokens_in,
				       tokens_out, cost, finish_reason, created_at
				from eval_results where run_id = ? order by created_at
				""", (rs, row) -> new Result(rs.getObject("id", UUID.class), runId, rs.getString("model"), rs.getString("agent"),
				rs.getObject("item_id", UUID.class), rs.getInt("item_position"), rs.getInt("repeat_index"), null,
				(Boolean) rs.getObject("passed"), rs.getBoolean("success"), rs.getString("error_type"), null,
				rs.getObject("latency_ms", Double.class), rs.getObject("tokens_in", Integer.class),
				rs.getObject("tokens_out", Integer.class), rs.getBigDecimal("cost"), rs.getString("finish_reason"), List.of(),
				rs.getObject("created_at", OffsetDateTime.class)), runId);
	}

	/** Stores a result and its scores unless the run already has one for that key; answers whether it was stored. */
	boolean insert(UUID orgId, Result result) {
		int inserted = jdbc.sql("""
				insert into eval_results (id, org_id, run_id, model, agent, item_id, item_position, repeat_index, output, passed, success,
				    error_type, error, latency_ms, tokens_in, tokens_out, cost, finish_reason, created_at)
				values (:id, :org, :run, :model, :agent, :item, :position, :repeat, :output, :passed, :success, :errorType, :error,
				    :latency, :tin, :tout, :cost, :finish, :createdAt)
				on conflict do nothing
				""")
			.param("id", result.id())
			.param("org", orgId)
			.param("run", result.runId())
			.param("model", result.model())
			.param("agent", result.agent())
			.param("errorType", result.errorType())
			.param("item", result.itemId())
			.param("position", result.itemPosition())
			.param("repeat", result.repeatIndex())
			.param("output", result.output())
			.param("passed", result.passed())
			.param("success", result.success())
			.param("error", result.error())
			.param("latency", result.latencyMs())
			.param("tin", result.tokensIn())
			.param("tout", result.tokensOut())
			.param("cost", result.cost())
			.param("finish", result.finishReason())
			.param("createdAt", result.createdAt())
			.update();
		if (inserted == 0) {
			return false;
		}
		template.batchUpdate("insert into eval_scores (result_id, run_id, model, scorer, score, passed, detail) values (?, ?, ?, ?, ?, ?, ?)",
				result.scores(), 100, (statement, score) -> {
					statement.setObject(1, result.id());
					statement.setObject(2, result.runId());
					statement.setString(3, result.model());
					statement.setString(4, score.name());
					statement.setDouble(5, score.value());
					statement.setBoolean(6, score.passed());
					statement.setString(7, score.detail() == null ? null
							: score.detail().substring(0, Math.min(2000, score.detail().length())));
				});
		return true;
	}

	Page<Map<String, Object>> page(UUID runId, String model, PageRequest request) {
		var where = " where run_id = ? and (cast(? as varchar) is null or model = ?)";
		var items = template.queryForList("select id, model, agent, item_id, item_position, repeat_index, output, passed, success, error_type, error,"
				+ " latency_ms, tokens_in, tokens_out, cost, finish_reason, created_at from eval_results" + where
				+ " order by model, item_position, repeat_index limit ? offset ?", runId, model, model, request.limit(), request.offset());
		var scores = scoresOf(items.stream().map(item -> (UUID) item.get("id")).toList());
		var rows = new ArrayList<Map<String, Object>>();
		for (var item : items) {
			var row = new LinkedHashMap<String, Object>();
			row.put("id", item.get("id"));
			row.put("model", item.get("model"));
			row.put("agent", item.get("agent"));
			row.put("itemId", item.get("item_id"));
			row.put("itemPosition", item.get("item_position"));
			row.put("repeat", item.get("repeat_index"));
			row.put("output", item.get("output"));
			row.put("passed", item.get("passed"));
			row.put("success", item.get("success"));
			row.put("errorType", item.get("error_type"));
			row.put("error", item.get("error"));
			row.put("latencyMs", item.get("latency_ms"));
			row.put("tokensIn", item.get("tokens_in"));
			row.put("tokensOut", item.get("tokens_out"));
			row.put("cost", item.get("cost"));
			row.put("finishReason", item.get("finish_reason"));
			row.put("scores", scores.getOrDefault((UUID) item.get("id"), List.of()));
			rows.add(row);
		}
		long total = template.queryForObject("select count(*) from eval_results" + where, Long.class, runId, model, model);
		return request.of(rows, total);
	}

	/** The scores of a page of results, in one query. */
	private Map<UUID, List<Map<String, Object>>> scoresOf(List<UUID> resultIds) {
		var byResult = new java.util.HashMap<UUID, List<Map<String, Object>>>();
		if (resultIds.isEmpty()) {
			return byResult;
		}
		var placeholders = String.join(", ", java.util.Collections.nCopies(resultIds.size(), "?"));
		template.query("select result_id, scorer, score, passed, detail from eval_scores where result_id in (" + placeholders
				+ ") order by scorer", rs -> {
					var score = new LinkedHashMap<String, Object>();
					score.put("name", rs.getString("scorer"));
					score.put("value", rs.getDouble("score"));
					score.put("passed", rs.getBoolean("passed"));
					score.put("detail", rs.getString("detail"));
					byResult.computeIfAbsent(rs.getObject("result_id", UUID.class), id -> new ArrayList<>()).add(score);
				}, resultIds.toArray());
		return byResult;
	}

	/** Per model: accuracy (mean of pass over answered calls), failures, latency mean/p50/p95, tokens, cost. */
	List<ModelSummary> summary(UUID runId) {
		var perScorer = new LinkedHashMap<String, Map<String, Double>>();
		template.query("select model, scorer, avg(score) from eval_scores where run_id = ? group by model, scorer order by model, scorer",
				rs -> {
					perScorer.computeIfAbsent(rs.getString(1), m -> new LinkedHashMap<>()).put(rs.getString(2), rs.getDouble(3));
				}, runId);
		return template.query("""
				select model, count(*) as calls, sum(case when success then 0 else 1 end) as failures,
				       avg(case when success then (case when passed then 1.0 else 0.0 end) end) as accuracy,
				       avg(latency_ms) as latency_mean,
				       percentile_cont(0.5) within group (order by latency_ms) as latency_p50,
				       percentile_cont(0.95) within group (order by latency_ms) as latency_p95,
				       coalesce(sum(tokens_in), 0) as tokens_in, coalesce(sum(tokens_out), 0) as tokens_out,
				       coalesce(sum(cost), 0) as cost
				from eval_results where run_id = ? group by model order by model
				""", (rs, row) -> new ModelSummary(rs.getString("model"), rs.getLong("calls"), rs.getLong("failures"),
				rs.getObject("accuracy") == null ? null : rs.getDouble("accuracy"),
				perScorer.getOrDefault(rs.getString("model"), Map.of()),
				rs.getObject("latency_mean") == null ? null : rs.getDouble("latency_mean"),
				rs.getObject("latency_p50") == null ? null : rs.getDouble("latency_p50"),
				rs.getObject("latency_p95") == null ? null : rs.getDouble("latency_p95"), rs.getLong("tokens_in"),
				rs.getLong("tokens_out"), rs.getBigDecimal("cost")), runId);
	}

	/** What a run says of one model. */
	record ModelSummary(String model, long calls, long failures, Double accuracy, Map<String, Double> meanScores,
			Double latencyMeanMs, Double latencyP50Ms, Double latencyP95Ms, long tokensIn, long tokensOut, BigDecimal cost) {
	}
}
