/**
 * Domains (math, code, summarization, safety, …), benchmark suites and their items. Other
 * modules reach domains through {@link dev.arbiter.benchmark.DomainCatalog}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Benchmark")
package dev.arbiter.benchmark;
