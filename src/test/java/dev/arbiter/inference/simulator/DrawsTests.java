package dev.arbiter.inference.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import dev.arbiter.inference.simulator.Draws.Purpose;

class DrawsTests {

	@Test
	void correctnessOverADomainIsWithinAFractionOfAPercentOfTheAccuracy() {
		for (double accuracy : new double[] { 0.1, 0.5, 0.73, 0.9, 0.99 }) {
			for (long ordinal = 0; ordinal < 5; ordinal++) {
				int n = 2000;
				int correct = 0;
				for (int i = 0; i < n; i++) {
					if (Draws.correctness(42, "sim", "math", ordinal, i) < accuracy) {
						correct++;
					}
				}
				assertThat((double) correct / n).as("accuracy %s, ordinal %s", accuracy, ordinal)
					.isCloseTo(accuracy, within(0.003));
			}
		}
	}

	@Test
	void eachItemIsCorrectWithTheAccuracyAcrossOrdinals() {
		int correct = 0;
		int n = 20_000;
		for (int ordinal = 0; ordinal < n; ordinal++) {
			if (Draws.correctness(42, "sim", "math", ordinal, 7) < 0.3) {
				correct++;
			}
		}
		assertThat((double) correct / n).isCloseTo(0.3, within(0.015));
	}

	@Test
	void isAFunctionOfItsInputs() {
		assertThat(Draws.of(1, "m", "p", 0).uniform(Purpose.FAULT)).isEqualTo(Draws.of(1, "m", "p", 0).uniform(Purpose.FAULT));
		assertThat(Draws.of(1, "m", "p", 0).uniform(Purpose.FAULT)).isNotEqualTo(Draws.of(1, "m", "p", 1).uniform(Purpose.FAULT));
		assertThat(Draws.of(1, "m", "p", 0).uniform(Purpose.FAULT)).isNotEqualTo(Draws.of(2, "m", "p", 0).uniform(Purpose.FAULT));
		assertThat(Draws.of(1, "m", "p", 0).uniform(Purpose.FAULT)).isNotEqualTo(Draws.of(1, "m", "p", 0).uniform(Purpose.LATENCY));
	}

	@Test
	void uniformsAreUniform() {
		int below = 0;
		int n = 50_000;
		for (int i = 0; i < n; i++) {
			if (Draws.of(9, "m", "prompt " + i, 0).uniform(Purpose.FAULT) < 0.25) {
				below++;
			}
		}
		assertThat((double) below / n).isCloseTo(0.25, within(0.01));
	}

}
