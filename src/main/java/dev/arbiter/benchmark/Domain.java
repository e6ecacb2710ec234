package dev.arbiter.benchmark;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A field of questions that models are measured and routed on; {@code slug} is its stable short name. */
public record Domain(UUID id, String slug, String name, String description, OffsetDateTime createdAt,
		OffsetDateTime updatedAt) {
}
