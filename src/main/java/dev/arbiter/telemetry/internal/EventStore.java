package dev.arbiter.telemetry.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import javax.sql.DataSource;

import dev.arbiter.shared.Time;
import dev.arbiter.telemetry.MetricEvent;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores events: first claims each event id in {@code metric_event_ids} (the idempotency key,
 * skipping ids already there), then inserts the new events, all in one transaction. Writers hold
 * the shared side of {@link #lock} from before their events take sequence numbers until after
 * they commit, which is what lets the aggregator trust its horizon.
 */
@Repository
public class EventStore {

	private static final String INSERT_EVENT = """
			insert into metric_events (org_id, event_id, occurred_at, received_at, model, agent, domain, source, request_id,
			    correlation_id, session_id, latency_ms, ttft_ms, tokens_in, tokens_out, cost, success, error_type, finish_reason,
			    truncated, confidence, item_id, correct, api_key_id, user_ref, tier, metadata)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final boolean postgres;

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	EventStore(DataSource dataSource, JdbcTemplate jdbc, TransactionTemplate transaction) throws SQLException {
		this.jdbc = jdbc;
		this.transaction = transaction;
		try (var connection = dataSource.getConnection()) {
			this.postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
		}
	}

	ReentrantReadWriteLock lock() {
		return lock;
	}

	boolean postgres() {
		return postgres;
	}

	/** Stores the events whose ids are new for the organization; answers how many that was. */
	public int store(UUID orgId, List<MetricEvent> events) {
		Integer stored = inOwnTransactionUnderSharedLock(() -> {
			var fresh = claimIds(orgId, events);
			var toInsert = events.stream().filter(event -> fresh.contains(event.eventId())).toList();
			insertEvents(orgId, toInsert);
			return toInsert.size();
		});
		return stored == null ? 0 : stored;
	}

	/**
	 * Stores events whose ids were just generated at random and are written once, without claiming
	 * their ids (see {@code EventIngestion.recordFresh}).
	 */
	public void storeFresh(UUID orgId, List<MetricEvent> events) {
		inOwnTransactionUnderSharedLock(() -> {
			insertEvents(orgId, events);
			return events.size();
		});
	}

	/**
	 * Runs a write in a transaction of its own while holding the shared side of {@link #lock}: the
	 * events must commit before the lock is released, or the aggregator's horizon could skip them.
	 */
	private Integer inOwnTransactionUnderSharedLock(java.util.function.Supplier<Integer> write) {
		if (org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("Store metric events outside of other transactions");
		}
		lock.readLock().lock();
		try {
			return transaction.execute(status -> write.get());
		}
		finally {
			lock.readLock().unlock();
		}
	}

	private Set<UUID> claimIds(UUID orgId, List<MetricEvent> events) {
		return jdbc.execute((ConnectionCallback<Set<UUID>>) connection -> postgres ? claimOnPostgres(connection, orgId, events)
				: claimInBatch(connection, orgId, events));
	}

	/** One statement: the ids that were not there come back. */
	private static Set<UUID> claimOnPostgres(Connection connection, UUID orgId, List<MetricEvent> events) throws SQLException {
		var ids = new UUID[events.size()];
		var times = new java.sql.Timestamp[events.size()];
		for (int i = 0; i < events.size(); i++) {
			ids[i] = events.get(i).eventId();
			times[i] = java.sql.Timestamp.from(events.get(i).occurredAt().toInstant());
		}
		try (var statement = connection.prepareStatement("""
				insert into metric_event_ids (org_id, event_id, occurred_at)
				select ?, id, at from unnest(?::uuid[], ?::timestamptz[]) as t(id, at)
				on conflict do nothing returning event_id
				""")) {
			statement.setObject(1, orgId);
			statement.setArray(2, connection.createArrayOf("uuid", ids));
			statement.setArray(3, connection.createArrayOf("timestamptz", times));
			var fresh = new HashSet<UUID>();
			try (var rows = statement.executeQuery()) {
				while (rows.next()) {
					fresh.add(rows.getObject(1, UUID.class));
				}
			}
			return fresh;
		}
	}

	/** A batch of inserts that skip existing ids; a row count of 1 means the id was new. */
	private static Set<UUID> claimInBatch(Connection connection, UUID orgId, List<MetricEvent> events) throws SQLException {
		try (var statement = connection.prepareStatement(
				"insert into metric_event_ids (org_id, event_id, occurred_at) values (?, ?, ?) on conflict do nothing")) {
			for (var event : events) {
				statement.setObject(1, orgId);
				statement.setObject(2, event.eventId());
				statement.setObject(3, event.occurredAt());
				statement.addBatch();
			}
			var counts = statement.executeBatch();
			var fresh = new HashSet<UUID>();
			for (int i = 0; i < counts.length; i++) {
				if (counts[i] > 0) {
					fresh.add(events.get(i).eventId());
				}
			}
			return fresh;
		}
	}

	private void insertEvents(UUID orgId, List<MetricEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		var received = Time.now();
		jdbc.batchUpdate(INSERT_EVENT, events, 1000, (statement, event) -> bind(statement, orgId, event, received));
	}

	private static void bind(PreparedStatement s, UUID orgId, MetricEvent e, java.time.OffsetDateTime received) throws SQLException {
		int i = 1;
		s.setObject(i++, orgId);
		s.setObject(i++, e.eventId());
		s.setObject(i++, e.occurredAt());
		s.setObject(i++, received);
		s.setString(i++, e.model());
		s.setString(i++, e.agent());
		s.setString(i++, e.domain());
		s.setString(i++, e.source().wire());
		s.setString(i++, e.requestId());
		s.setString(i++, e.correlationId());
		s.setString(i++, e.sessionId());
		setDouble(s, i++, e.latencyMs());
		setDouble(s, i++, e.ttftMs());
		setInt(s, i++, e.tokensIn());
		setInt(s, i++, e.tokensOut());
		s.setBigDecimal(i++, e.cost());
		s.setBoolean(i++, e.success());
		s.setString(i++, e.errorType());
		s.setString(i++, e.finishReason());
		setBoolean(s, i++, e.truncated());
		setDouble(s, i++, e.confidence());
		s.setString(i++, e.itemId());
		setBoolean(s, i++, e.correct());
		s.setObject(i++, e.apiKeyId());
		s.setString(i++, e.user());
		s.setString(i++, e.tier());
		s.setString(i, e.metadata());
	}

	private static void setDouble(PreparedStatement s, int index, Double value) throws SQLException {
		if (value == null) {
			s.setNull(index, Types.DOUBLE);
		}
		else {
			s.setDouble(index, value);
		}
	}

	private static void setInt(PreparedStatement s, int index, Integer value) throws SQLException {
		if (value == null) {
			s.setNull(index, Types.INTEGER);
		}
		else {
			s.setInt(index, value);
		}
	}

	private static void setBoolean(PreparedStatement s, int index, Boolean value) throws SQLException {
		if (value == null) {
			s.setNull(index, Types.BOOLEAN);
		}
		else {
			s.setBoolean(index, value);
		}
	}
}
