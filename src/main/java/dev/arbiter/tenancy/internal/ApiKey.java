package dev.arbiter.tenancy.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import dev.arbiter.tenancy.Role;

/** An API key as lists show it: never the secret, only its prefix. */
record ApiKey(UUID id, UUID orgId, UUID userId, String name, String prefix, Role role, BigDecimal budgetUsd,
		String budgetPeriod, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt,
		OffsetDateTime createdAt) {

	boolean revoked() {
		return revokedAt != null;
	}
}
