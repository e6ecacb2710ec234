/**
 * Metric events: one per model call, from evaluations, the gateway, imports or OTLP. Ingestion
 * validates each event on its own, dedupes by event id and stores durably;
 * {@link dev.arbiter.telemetry.EventFeed} hands committed events to the aggregator in order.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Telemetry")
package dev.arbiter.telemetry;
