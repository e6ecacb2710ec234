package dev.arbiter.registry.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.arbiter.registry.ModelStatus;

/** A registered model as the API shows it, with its price and generation parameters in force now. */
record Model(UUID id, String name, UUID providerId, String provider, String displayName, String description, String tier,
		Integer contextWindow, List<String> capabilities, BigDecimal minGpuMemoryGb, ModelStatus status, String version,
		UUID parentModelId, boolean reference, Map<String, Object> defaultParams, List<String> tags, Price currentPrice,
		OffsetDateTime createdAt, OffsetDateTime updatedAt) {

	/** One entry of a model's price history; {@code effectiveTo} is null while it is in force. */
	record Price(UUID id, BigDecimal inputPerMillion, BigDecimal outputPerMillion,
			OffsetDateTime effectiveFrom, OffsetDateTime effectiveTo) {
	}

	/** One entry of a model's generation-parameter history. */
	record Params(UUID id, Map<String, Object> params, OffsetDateTime effectiveFrom, OffsetDateTime effectiveTo) {
	}
}
