package dev.arbiter.telemetry.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.arbiter.telemetry.EventFeed;
import dev.arbiter.telemetry.MetricEvent;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class JdbcEventFeed implements EventFeed {

	private final JdbcClient jdbc;

	private final EventStore store;

	JdbcEventFeed(JdbcClient jdbc, EventStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	@Override
	public long committedHorizon() {
		var exclusive = store.lock().writeLock();
		exclusive.lock();
		try {
			return jdbc.sql("select coalesce(max(seq), 0) from metric_events").query(Long.class).single();
		}
		finally {
			exclusive.unlock();
		}
	}

	@Override
	public List<FeedEvent> read(long afterSeq, long uptoSeq, int limit) {
		return jdbc.sql("""
				select seq, org_id, occurred_at, model, domain, agent, tier, api_key_id, latency_ms, ttft_ms, tokens_in, tokens_out,
				       cost, success, truncated, confidence, item_id, correct
				from metric_events where seq > :after and seq <= :upto order by seq limit :limit
				""")
			.param("after", afterSeq)
			.param("upto", uptoSeq)
			.param("limit", limit)
			.query((rs, row) -> new FeedEvent(rs.getLong("seq"), rs.getObject("org_id", UUID.class),
					rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("model"), rs.getString("domain"),
					rs.getString("agent"), rs.getString("tier"), rs.getObject("api_key_id", UUID.class),
					rs.getObject("latency_ms", Double.class), rs.getObject("ttft_ms", Double.class),
					rs.getObject("tokens_in", Integer.class), rs.getObject("tokens_out", Integer.class), rs.getBigDecimal("cost"),
					rs.getBoolean("success"), rs.getObject("truncated", Boolean.class), rs.getObject("confidence", Double.class),
					rs.getString("item_id") != null || rs.getObject("correct") != null, rs.getObject("correct", Boolean.class),
					MetricEvent.isAssessment(rs.getString("item_id"))))
			.list();
	}
}
