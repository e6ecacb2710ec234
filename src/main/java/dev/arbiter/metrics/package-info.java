/**
 * Rollups of metric events per organization × model × domain × hour and day (counts, sums, sums
 * of squares and a DDSketch of latency, all mergeable), folded in incrementally, and everything
 * derived from them: latest metrics per model × domain, series, the leaderboard and analytics.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Metrics")
package dev.arbiter.metrics;
