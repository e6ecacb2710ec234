package dev.arbiter.benchmark.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.arbiter.benchmark.SuiteKind;

/**
 * The fields of a suite that callers set, checked: create fills them from the request and
 * defaults, update from the stored suite. Public only for {@link dev.arbiter.benchmark.StarterSuites}.
 */
public record SuiteDraft(String name, String version, UUID domainId, String description, List<Map<String, Object>> scoring,
		SuiteKind kind) {
}
