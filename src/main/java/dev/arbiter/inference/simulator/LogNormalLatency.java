package dev.arbiter.inference.simulator;

import java.util.random.RandomGenerator;

import dev.arbiter.inference.simulator.SimulatorConfig.Latency;

/**
 * A log-normal latency fitted to a median and a 95th percentile: {@code mu = ln(median)} and
 * {@code sigma = (ln(p95) - ln(median)) / z95}, where {@code z95} is the standard normal's 95th
 * percentile.
 */
record LogNormalLatency(double mu, double sigma) {

	/** The 95th percentile of the standard normal distribution. */
	static final double Z95 = 1.6448536269514722;

	/** Draws beyond this many standard deviations are clamped, so one unlucky call cannot hang a run. */
	private static final double MAX_Z = 5;

	static LogNormalLatency fit(Latency latency) {
		if (latency.medianMs() <= 0) {
			return new LogNormalLatency(Double.NEGATIVE_INFINITY, 0);
		}
		double mu = Math.log(latency.medianMs());
		return new LogNormalLatency(mu, (Math.log(latency.p95Ms()) - mu) / Z95);
	}

	double medianMs() {
		return Math.exp(mu);
	}

	/** The latency at {@code z} standard deviations from the median of the underlying normal. */
	double atZ(double z) {
		return Math.exp(mu + sigma * Math.max(-MAX_Z, Math.min(MAX_Z, z)));
	}

	/** One latency, in milliseconds. */
	double sampleMs(RandomGenerator random) {
		return atZ(random.nextGaussian());
	}

}
