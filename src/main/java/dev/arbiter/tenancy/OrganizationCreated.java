package dev.arbiter.tenancy;

import java.util.UUID;

/**
 * An organization came into being (on first start, or through the API). Modules that keep
 * per-organization reference data (domains, tiers, starter models) seed it on this event, in the
 * same transaction.
 */
public record OrganizationCreated(UUID orgId, String name) {
}
