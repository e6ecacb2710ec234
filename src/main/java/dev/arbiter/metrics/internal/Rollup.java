package dev.arbiter.metrics.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.UnboundedSizeDenseStore;

import dev.arbiter.telemetry.EventFeed.FeedEvent;

/**
 * Mergeable aggregates of a set of calls: counts, sums, sums of squares and a DDSketch of
 * latency with 1% relative accuracy. Adding calls and merging rollups give the same result in
 * any order, which is what makes hourly rollups foldable into days and windows.
 */
final class Rollup {

	static final double RELATIVE_ACCURACY = 0.01;

	long calls;

	long successes;

	long benchmarkCalls;

	long correct;

	long truncated;

	long latencyCount;

	double latencySum;

	double latencySumsq;

	long ttftCount;

	double ttftSum;

	long tokensIn;

	long tokensOut;

	double tokensSumsq;

	BigDecimal costSum = BigDecimal.ZERO;

	double costSumsq;

	long confidenceCount;

	double confidenceSum;

	double confidenceSumsq;

	DDSketch latency = DDSketches.unboundedDense(RELATIVE_ACCURACY);

	OffsetDateTime lastEventAt;

	/**
	 * Adds one event. Feedback and verifier grades ({@code assessment}) judge an earlier call: they
	 * move accuracy and confidence, and are not calls themselves.
	 */
	void add(FeedEvent event) {
		if (!event.assessment()) {
			addCall(event);
		}
		if (event.benchmark() && event.correct() != null) {
			benchmarkCalls++;
			if (event.correct()) {
				correct++;
			}
		}
		if (event.confidence() != null) {
			confidenceCount++;
			confidenceSum += event.confidence();
			confidenceSumsq += event.confidence() * event.confidence();
		}
		if (lastEventAt == null || event.occurredAt().isAfter(lastEventAt)) {
			lastEventAt = event.occurredAt();
		}
	}

	private void addCall(FeedEvent event) {
		calls++;
		if (event.success()) {
			successes++;
		}
		if (Boolean.TRUE.equals(event.truncated())) {
			truncated++;
		}
		if (event.latencyMs() != null) {
			latencyCount++;
			latencySum += event.latencyMs();
			latencySumsq += event.latencyMs() * event.latencyMs();
			latency.accept(event.latencyMs());
		}
		if (event.ttftMs() != null) {
			ttftCount++;
			ttftSum += event.ttftMs();
		}
		long tokens = 0;
		if (event.tokensIn() != null) {
			tokensIn += event.tokensIn();
			tokens += event.tokensIn();
		}
		if (event.tokensOut() != null) {
			tokensOut += event.tokensOut();
			tokens += event.tokensOut();
		}
		tokensSumsq += (double) tokens * tokens;
		if (event.cost() != null) {
			costSum = costSum.add(event.cost());
			costSumsq += event.cost().doubleValue() * event.cost().doubleValue();
		}
	}

	void merge(Rollup other) {
		calls += other.calls;
		successes += other.successes;
		benchmarkCalls += other.benchmarkCalls;
		correct += other.correct;
		truncated += other.truncated;
		latencyCount += other.latencyCount;
		latencySum += other.latencySum;
		latencySumsq += other.latencySumsq;
		ttftCount += other.ttftCount;
		ttftSum += other.ttftSum;
		tokensIn += other.tokensIn;
		tokensOut += other.tokensOut;
		tokensSumsq += other.tokensSumsq;
		costSum = costSum.add(other.costSum);
		costSumsq += other.costSumsq;
		confidenceCount += other.confidenceCount;
		confidenceSum += other.confidenceSum;
		confidenceSumsq += other.confidenceSumsq;
		latency.mergeWith(other.latency);
		if (lastEventAt == null || (other.lastEventAt != null && other.lastEventAt.isAfter(lastEventAt))) {
			lastEventAt = other.lastEventAt;
		}
	}

	/** The sketch in DDSketch's own compact encoding (the one {@link #mergeSketch} reads). */
	byte[] sketchBytes() {
		var output = GrowingByteArrayOutput.withDefaultInitialCapacity();
		try {
			latency.encode(output, false);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return output.trimmedCopy();
	}

	void mergeSketch(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			return;
		}
		try {
			latency.mergeWith(DDSketch.decode(ByteArrayInput.wrap(bytes), UnboundedSizeDenseStore::new));
		}
		catch (IOException e) {
			throw new UncheckedIOException("A stored latency sketch cannot be decoded", e);
		}
	}

	/** Latency at quantile {@code q} (0–1), within 1% relative error; null without latencies. */
	Double latencyQuantile(double q) {
		return latency.isEmpty() ? null : latency.getValueAtQuantile(q);
	}

	/** Sample variance of latency (as SQL's VARIANCE), null with fewer than two values. */
	Double latencyVariance() {
		return variance(latencyCount, latencySum, latencySumsq);
	}

	static Double variance(long n, double sum, double sumsq) {
		if (n < 2) {
			return null;
		}
		return Math.max(0, (sumsq - sum * sum / n) / (n - 1));
	}
}
