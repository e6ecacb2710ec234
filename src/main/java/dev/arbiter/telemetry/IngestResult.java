package dev.arbiter.telemetry;

import java.util.List;

/**
 * What happened to a batch: how many events were stored, how many were duplicates of stored
 * ones (same eventId, ignored), and which were rejected, by index in the batch, with reasons.
 */
public record IngestResult(int accepted, int duplicates, List<Rejection> rejected) {

	public record Rejection(int index, List<String> reasons) {
	}
}
