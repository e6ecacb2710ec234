package dev.arbiter.benchmark;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A benchmark suite: a named, versioned set of items in one domain, with the scorers its answers
 * are scored by, e.g. {@code [{"type":"numeric","tolerance":0.01}]}.
 *
 * @param domain    the slug of {@code domainId}
 * @param itemCount how many items the suite holds
 */
public record Suite(UUID id, String name, String version, UUID domainId, String domain, String description,
		List<Map<String, Object>> scoring, SuiteKind kind, long itemCount, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {
}
