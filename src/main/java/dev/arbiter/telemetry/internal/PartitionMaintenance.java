package dev.arbiter.telemetry.internal;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.arbiter.shared.Time;
import dev.arbiter.telemetry.TelemetrySettings;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code metric_events} ready and within retention. On PostgreSQL it creates the monthly
 * partitions from last month to {@code partitionsAhead} months ahead, and with a retention drops
 * whole partitions that ended before the cutoff. On H2 (one table) retention deletes old rows.
 * Runs at start-up and every hour.
 */
@Component
public class PartitionMaintenance {

	private static final Logger log = LoggerFactory.getLogger(PartitionMaintenance.class);

	private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyy_MM");

	private final JdbcClient jdbc;

	private final EventStore store;

	private final TelemetrySettings settings;

	PartitionMaintenance(JdbcClient jdbc, EventStore store, TelemetrySettings settings) {
		this.jdbc = jdbc;
		this.store = store;
		this.settings = settings;
	}

	@EventListener(ApplicationReadyEvent.class)
	void atStart() {
		run();
	}

	@Scheduled(cron = "${arbiter.telemetry.maintenance-cron:0 7 * * * *}")
	void hourly() {
		run();
	}

	public synchronized void run() {
		try {
			runAt(Time.now());
		}
		catch (RuntimeException e) {
			log.warn("Event partition maintenance failed; it will be retried: {}", e.toString());
		}
	}

	/** Creates the partitions around {@code now} and applies retention; answers the partitions it dropped. */
	public synchronized List<String> runAt(OffsetDateTime now) {
		var dropped = new ArrayList<String>();
		if (store.postgres()) {
			var month = YearMonth.from(now.withOffsetSameInstant(ZoneOffset.UTC));
			for (var m = month.minusMonths(1); !m.isAfter(month.plusMonths(settings.partitionsAhead())); m = m.plusMonths(1)) {
				createPartition(m);
			}
		}
		if (settings.retentionDays() > 0) {
			var cutoff = now.minusDays(settings.retentionDays());
			if (store.postgres()) {
				dropped.addAll(dropPartitionsEndingBefore(cutoff));
			}
			else {
				jdbc.sql("delete from metric_events where occurred_at < :cutoff").param("cutoff", cutoff).update();
			}
			jdbc.sql("delete from metric_event_ids where occurred_at < :cutoff").param("cutoff", cutoff).update();
		}
		return dropped;
	}

	private void createPartition(YearMonth month) {
		var name = "metric_events_" + month.format(NAME);
		var from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
		var to = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
		boolean exists = jdbc.sql("select count(*) from pg_class where relname = :name").param("name", name).query(Long.class).single() > 0;
		if (exists) {
			return;
		}
		try {
			jdbc.sql("create table if not exists " + name + " partition of metric_events for values from ('" + from + "') to ('" + to + "')")
				.update();
			log.info("Created event partition {}", name);
		}
		catch (RuntimeException e) {
			log.warn("Cannot create event partition {} (events of that month may already be in the default partition): {}", name,
					e.getMessage());
		}
	}

	private List<String> dropPartitionsEndingBefore(OffsetDateTime cutoff) {
		var dropped = new ArrayList<String>();
		var partitions = jdbc.sql("""
				select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
				where p.relname = 'metric_events' and c.relname ~ '^metric_events_[0-9]{4}_[0-9]{2}$' order by c.relname
				""").query(String.class).list();
		for (var partition : partitions) {
			var month = YearMonth.parse(partition.substring("metric_events_".length()), NAME);
			var end = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
			if (!end.isAfter(cutoff)) {
				jdbc.sql("drop table " + partition).update();
				dropped.add(partition);
				log.info("Dropped event partition {} (retention {} days)", partition, settings.retentionDays());
			}
		}
		return dropped;
	}
}
