package dev.arbiter.metrics;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * Seed 000's model_metrics: what is known of one model in one domain over a window. Accuracy is
 * the share of correct benchmark calls (null without any); latencies in milliseconds, p50/p95/p99
 * within 1% relative error; costs in USD. {@code domain} is "" for calls without a domain.
 */
public record ModelDomainMetrics(String model, String domain, long requests, long failures, Double failureRate,
		long benchmarkCalls, Double accuracy, Double latencyMeanMs, Double latencyVariance, Double latencyP50Ms,
		Double latencyP95Ms, Double latencyP99Ms, Double ttftMeanMs, Double confidence, Double tokensPerQuery,
		Double costPerQuery, BigDecimal totalCost, Double truncatedRate, OffsetDateTime lastUpdated) {
}
