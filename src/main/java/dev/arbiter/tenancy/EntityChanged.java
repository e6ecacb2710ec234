package dev.arbiter.tenancy;

import java.util.UUID;

/**
 * Published by {@link AuditLog} for every audited create, update and delete, within the
 * transaction that made the change: modules that cache what another module owns listen for it
 * (after commit) to drop their copy.
 *
 * @param entityType the audit log's entity type, e.g. {@code model}, {@code assignment}
 * @param action {@code create}, {@code update} or {@code delete}
 */
public record EntityChanged(UUID orgId, String entityType, String action, String entityId) {
}
