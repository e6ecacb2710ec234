package dev.arbiter.metrics;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.arbiter.metrics.internal.RollupQueries;
import dev.arbiter.shared.Time;

import org.springframework.stereotype.Component;

/** Metrics derived from the rollups (never from scanning events), for the API and for routing. */
@Component
public class MetricsReader {

	private final RollupQueries queries;

	MetricsReader(RollupQueries queries) {
		this.queries = queries;
	}

	/** Latest metrics per model × domain over the window, optionally for one domain or model. */
	public List<ModelDomainMetrics> latest(UUID orgId, Window window, String domain, String model) {
		return queries.latest(orgId, window.granularity(), window.since(Time.now()), domain, model);
	}

	/** A series of buckets ({@code hour}, {@code day}, {@code week} or {@code month}) between two times. */
	public List<SeriesPoint> series(UUID orgId, String model, String domain, Granularity granularity, OffsetDateTime from,
			OffsetDateTime to) {
		return queries.series(orgId, model, domain, granularity, from, to);
	}

	public enum Granularity {

		HOUR, DAY, WEEK, MONTH;

		@com.fasterxml.jackson.annotation.JsonValue
		public String wire() {
			return name().toLowerCase();
		}
	}
}
