/**
 * Domains (math, code, summarization, safety, …), benchmark suites and their items, the
 * importers and exporters of dataset files, and the starter suites. Other modules read domains
 * through {@link dev.arbiter.benchmark.DomainCatalog} and suites with their items through
 * {@link dev.arbiter.benchmark.SuiteCatalog}; {@link dev.arbiter.benchmark.StarterSuites} loads
 * the shipped suites into an organization.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Benchmark")
package dev.arbiter.benchmark;
