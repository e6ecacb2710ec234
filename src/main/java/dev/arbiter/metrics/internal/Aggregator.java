package dev.arbiter.metrics.internal;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.arbiter.telemetry.EventFeed;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds new events into hourly and daily rollups and cost rollups. Each step reads the events
 * after the watermark up to the committed horizon, adds them to the rollups and advances the
 * watermark in one transaction: every event is counted exactly once, a late event lands in its
 * own hour, and a crash part-way changes nothing.
 */
@Component
class Aggregator {

	static final int BATCH = 20_000;

	private static final Logger log = LoggerFactory.getLogger(Aggregator.class);

	private final EventFeed feed;

	private final RollupStore rollups;

	private final TransactionTemplate transaction;

	private final AtomicLong lag = new AtomicLong();

	Aggregator(EventFeed feed, RollupStore rollups, TransactionTemplate transaction, MeterRegistry meters) {
		this.feed = feed;
		this.rollups = rollups;
		this.transaction = transaction;
		Gauge.builder("arbiter.aggregation.lag.events", lag, AtomicLong::get)
			.description("Committed events not yet folded into rollups")
			.register(meters);
	}

	@Scheduled(initialDelayString = "${arbiter.metrics.aggregate-every:500ms}", fixedDelayString = "${arbiter.metrics.aggregate-every:500ms}")
	void scheduled() {
		try {
			catchUp();
		}
		catch (RuntimeException e) {
			log.warn("Aggregation step failed; it will be retried: {}", e.toString());
		}
	}

	/** Folds everything committed so far; answers the number of events folded. */
	long catchUp() {
		long horizon = feed.committedHorizon();
		long total = 0;
		while (true) {
			Integer folded = transaction.execute(status -> step(horizon));
			if (folded == null || folded == 0) {
				lag.set(Math.max(0, horizon - rollups.watermark()));
				return total;
			}
			total += folded;
		}
	}

	private int step(long horizon) {
		long watermark = rollups.lockWatermark();
		if (watermark >= horizon) {
			return 0;
		}
		var events = feed.read(watermark, horizon, BATCH);
		if (events.isEmpty()) {
			rollups.advanceWatermark(horizon);
			return 0;
		}
		var deltas = new HashMap<RollupStore.Key, Rollup>();
		var counts = new HashMap<RollupStore.CostKey, long[]>();
		var costs = new HashMap<RollupStore.CostKey, BigDecimal>();
		for (var event : events) {
			var at = event.occurredAt().withOffsetSameInstant(ZoneOffset.UTC);
			var hour = at.truncatedTo(ChronoUnit.HOURS);
			var day = at.truncatedTo(ChronoUnit.DAYS);
			var domain = event.domain() == null ? "" : event.domain();
			deltas.computeIfAbsent(new RollupStore.Key(event.orgId(), "h", hour, event.model(), domain), k -> new Rollup()).add(event);
			deltas.computeIfAbsent(new RollupStore.Key(event.orgId(), "d", day, event.model(), domain), k -> new Rollup()).add(event);
			var costKey = new RollupStore.CostKey(event.orgId(), day, event.model(), orEmpty(event.tier()), orEmpty(event.agent()),
					event.apiKeyId() == null ? "" : event.apiKeyId().toString());
			var count = counts.computeIfAbsent(costKey, k -> new long[3]);
			count[0]++;
			count[1] += event.tokensIn() == null ? 0 : event.tokensIn();
			count[2] += event.tokensOut() == null ? 0 : event.tokensOut();
			costs.merge(costKey, event.cost() == null ? BigDecimal.ZERO : event.cost(), BigDecimal::add);
		}
		rollups.addAll(deltas);
		rollups.addCosts(counts, costs);
		rollups.advanceWatermark(events.size() < BATCH ? horizon : events.get(events.size() - 1).seq());
		return events.size();
	}

	private static String orEmpty(String value) {
		return value == null ? "" : value;
	}
}
