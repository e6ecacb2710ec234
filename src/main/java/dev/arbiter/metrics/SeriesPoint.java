package dev.arbiter.metrics;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** One bucket of a time series (seed 003's hour/day/week/month aggregations). */
public record SeriesPoint(OffsetDateTime bucket, long requests, Double failureRate, Double accuracy, Double latencyMeanMs,
		Double latencyP50Ms, Double latencyP95Ms, Double latencyP99Ms, long tokensIn, long tokensOut, BigDecimal cost) {
}
