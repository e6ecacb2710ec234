package dev.arbiter.inference.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.arbiter.inference.simulator.SimulatorConfig.Latency;

class LogNormalLatencyTests {

	@Test
	void fitsTheMedianAndTheNinetyFifthPercentile() {
		var latency = LogNormalLatency.fit(new Latency(400, 900));

		assertThat(latency.mu()).isCloseTo(Math.log(400), within(1e-12));
		assertThat(latency.medianMs()).isCloseTo(400, within(1e-9));
		assertThat(latency.atZ(0)).isCloseTo(400, within(1e-9));
		assertThat(latency.atZ(LogNormalLatency.Z95)).isCloseTo(900, within(1e-9));
	}

	@Test
	void samplesAroundTheConfiguredMedianAndPercentile() {
		var latency = LogNormalLatency.fit(new Latency(100, 250));
		var random = new SplittableRandom(42);
		double[] samples = new double[20_000];
		for (int i = 0; i < samples.length; i++) {
			samples[i] = latency.sampleMs(random);
		}
		Arrays.sort(samples);

		assertThat(samples[samples.length / 2]).isBetween(95.0, 105.0);
		assertThat(samples[(int) (samples.length * 0.95)]).isBetween(235.0, 265.0);
		assertThat(samples[0]).isPositive();
	}

	@Test
	void aZeroMedianMeansNoLatency() {
		assertThat(LogNormalLatency.fit(new Latency(0, 0)).sampleMs(new SplittableRandom(1))).isZero();
	}

	@Test
	void equalMedianAndPercentileMeansAConstantLatency() {
		var latency = LogNormalLatency.fit(new Latency(100, 100));

		assertThat(latency.sampleMs(new SplittableRandom(1))).isCloseTo(100, within(1e-9));
		assertThat(latency.sampleMs(new SplittableRandom(2))).isCloseTo(100, within(1e-9));
	}

	@Test
	void clampsTheTailSoNoCallHangs() {
		var latency = LogNormalLatency.fit(new Latency(100, 900));

		assertThat(latency.atZ(40)).isEqualTo(latency.atZ(5));
	}

}
