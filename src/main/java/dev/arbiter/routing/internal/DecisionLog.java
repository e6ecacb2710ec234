package dev.arbiter.routing.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.routing.GatewaySettings;
import dev.arbiter.telemetry.EventIngestion;
import dev.arbiter.telemetry.MetricEvent;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes routing decisions and the gateway's metric events off the request path: a bounded queue
 * drained by one writer thread in batches. When the queue is full the request still succeeds and
 * the dropped record is counted ({@code arbiter.gateway.decisions.dropped}).
 */
@Component
class DecisionLog {

	private static final Logger log = LoggerFactory.getLogger(DecisionLog.class);

	private final JdbcTemplate jdbc;

	private final EventIngestion events;

	private final ObjectMapper json;

	private final BlockingQueue<Decision> queue;

	private final Counter dropped;

	private final Thread writer;

	private volatile boolean running = true;

	DecisionLog(JdbcTemplate jdbc, EventIngestion events, ObjectMapper json, GatewaySettings settings, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.events = events;
		this.json = json;
		this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
		this.dropped = Counter.builder("arbiter.gateway.decisions.dropped").description("Decisions not logged: the queue was full")
			.register(meters);
		this.writer = new Thread(this::drain, "routing-decisions");
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/** One gateway request: how it was routed and how it went, and the call's metric event. */
	record Decision(UUID id, UUID orgId, String requestId, OffsetDateTime createdAt, String requestedModel, String route,
			String strategy, String domain, String domainSource, Double domainConfidence, String chosenModel, String chosenAgent,
			UUID assignmentId, List<Map<String, Object>> candidates, List<Map<String, Object>> attempts, String explanation,
			boolean fallback, String fallbackReason, BigDecimal estimatedCost, BigDecimal actualCost, Double latencyMs,
			boolean success, String error, boolean stream, UUID apiKeyId, List<MetricEvent> events) {
	}

	void record(Decision decision) {
		if (!queue.offer(decision)) {
			dropped.increment();
		}
	}

	/** Stops taking decisions and waits for the writer to write what is queued (it polls every 100 ms). */
	@PreDestroy
	void stop() throws InterruptedException {
		running = false;
		writer.join(10_000);
	}

	private void drain() {
		var batch = new ArrayList<Decision>();
		while (running || !queue.isEmpty()) {
			try {
				var first = queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				batch.add(first);
				queue.drainTo(batch, 499);
				write(batch);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (RuntimeException e) {
				log.warn("Writing {} routing decisions failed: {}", batch.size(), e.toString());
			}
			finally {
				batch.clear();
			}
		}
	}

	private void write(List<Decision> batch) {
		jdbc.batchUpdate("""
				insert into routing_decisions (id, org_id, request_id, created_at, requested_model, route, strategy, domain, domain_source,
				    domain_confidence, chosen_model, chosen_agent, assignment_id, candidates, attempts, explanation, fallback,
				    fallback_reason, estimated_cost, actual_cost, latency_ms, success, error, stream, api_key_id)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", batch, 500, (s, d) -> {
			int i = 1;
			s.setObject(i++, d.id());
			s.setObject(i++, d.orgId());
			s.setString(i++, d.requestId());
			s.setObject(i++, d.createdAt());
			s.setString(i++, d.requestedModel());
			s.setString(i++, d.route());
			s.setString(i++, d.strategy());
			s.setString(i++, d.domain());
			s.setString(i++, d.domainSource());
			s.setObject(i++, d.domainConfidence(), java.sql.Types.DOUBLE);
			s.setString(i++, d.chosenModel());
			s.setString(i++, d.chosenAgent());
			s.setObject(i++, d.assignmentId());
			s.setString(i++, json.writeValueAsString(d.candidates()));
			s.setString(i++, json.writeValueAsString(d.attempts()));
			s.setString(i++, d.explanation());
			s.setBoolean(i++, d.fallback());
			s.setString(i++, d.fallbackReason());
			s.setBigDecimal(i++, d.estimatedCost());
			s.setBigDecimal(i++, d.actualCost());
			s.setObject(i++, d.latencyMs(), java.sql.Types.DOUBLE);
			s.setBoolean(i++, d.success());
			s.setString(i++, d.error());
			s.setBoolean(i++, d.stream());
			s.setObject(i, d.apiKeyId());
		});
		var byOrg = new java.util.HashMap<UUID, List<MetricEvent>>();
		batch.forEach(d -> byOrg.computeIfAbsent(d.orgId(), o -> new ArrayList<>()).addAll(d.events()));
		// the gateway's events have fresh random ids and are written once here
		byOrg.forEach(events::recordFresh);
	}
}
