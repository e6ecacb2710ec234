package dev.arbiter.telemetry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

import dev.arbiter.telemetry.internal.EventParser;
import dev.arbiter.telemetry.internal.EventStore;

import org.springframework.stereotype.Component;

/**
 * Takes metric events in. {@link #ingest} validates untrusted JSON event by event (a bad event
 * is rejected with its reasons; the good ones are stored anyway); {@link #record} stores events
 * that Arbiter made itself. Both skip events whose id is already stored, and return only after
 * the stored events are committed.
 */
@Component
public class EventIngestion {

	private final EventParser parser;

	private final EventStore store;

	private final Counter accepted;

	private final Counter duplicates;

	private final Counter rejected;

	EventIngestion(EventParser parser, EventStore store, MeterRegistry meters) {
		this.parser = parser;
		this.store = store;
		this.accepted = Counter.builder("arbiter.events.ingested").tag("outcome", "accepted").register(meters);
		this.duplicates = Counter.builder("arbiter.events.ingested").tag("outcome", "duplicate").register(meters);
		this.rejected = Counter.builder("arbiter.events.ingested").tag("outcome", "rejected").register(meters);
	}

	/** Validates and stores a batch of JSON events sent by a client of the organization. */
	public IngestResult ingest(UUID orgId, List<JsonNode> batch, EventSource defaultSource, UUID apiKeyId) {
		var events = new ArrayList<MetricEvent>(batch.size());
		var rejections = new ArrayList<IngestResult.Rejection>();
		var seen = new HashSet<UUID>();
		int inBatchDuplicates = 0;
		for (int i = 0; i < batch.size(); i++) {
			var parsed = parser.parse(orgId, batch.get(i), defaultSource, apiKeyId);
			if (!parsed.reasons().isEmpty()) {
				rejections.add(new IngestResult.Rejection(i, parsed.reasons()));
			}
			else if (!seen.add(parsed.event().eventId())) {
				inBatchDuplicates++;
			}
			else {
				events.add(parsed.event());
			}
		}
		int stored = events.isEmpty() ? 0 : store.store(orgId, events);
		int duplicateCount = inBatchDuplicates + events.size() - stored;
		accepted.increment(stored);
		duplicates.increment(duplicateCount);
		rejected.increment(rejections.size());
		return new IngestResult(stored, duplicateCount, rejections);
	}

	/**
	 * Stores events Arbiter has just made with fresh random ids and writes exactly once (the
	 * gateway's upstream calls): no id can be stored already, so they skip the idempotency claim.
	 * Events with ids derived from something else (feedback, grades) go through {@link #record}.
	 */
	public void recordFresh(UUID orgId, List<MetricEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		store.storeFresh(orgId, events);
		accepted.increment(events.size());
	}

	/** Stores events Arbiter produced (evaluation runs, the gateway); answers how many were new. */
	public int record(UUID orgId, List<MetricEvent> events) {
		if (events.isEmpty()) {
			return 0;
		}
		int stored = store.store(orgId, events);
		accepted.increment(stored);
		duplicates.increment(events.size() - stored);
		return stored;
	}
}
