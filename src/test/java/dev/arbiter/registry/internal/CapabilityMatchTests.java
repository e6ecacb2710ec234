package dev.arbiter.registry.internal;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.arbiter.registry.ModelStatus;

import static org.assertj.core.api.Assertions.assertThat;

class CapabilityMatchTests {

	@Test
	void aRoomyAgentWithEveryFeatureScoresOneHundred() {
		var match = CapabilityMatch.of(needs("16", 8192, "chat", "tools"), offer("48", 32768, 32, null, "tools"));
		assertThat(match.feasible()).isTrue();
		assertThat(match.score()).isEqualTo(100);
		assertThat(match.parts()).isEqualTo(new CapabilityMatch.Parts(40, 20, 20, 20));
		assertThat(match.reasons()).hasSize(4).anySatisfy(reason -> assertThat(reason).startsWith("memory 40/40: needs 16 GB of 48 GB"));
	}

	@Test
	void memoryHeadroomEarnsHalfForAnExactFitAndAllFromHalfFree() {
		assertThat(CapabilityMatch.of(needs("24", null), offer("24", null, 16, null)).parts().memory()).isEqualTo(20);
		assertThat(CapabilityMatch.of(needs("18", null), offer("24", null, 16, null)).parts().memory()).isEqualTo(30);
		assertThat(CapabilityMatch.of(needs("12", null), offer("24", null, 16, null)).parts().memory()).isEqualTo(40);
		assertThat(CapabilityMatch.of(needs(null, null), offer(null, null, 16, null)).parts().memory()).isEqualTo(40);
		assertThat(CapabilityMatch.of(needs("0", null), offer("0", null, 16, null)).parts().memory()).isEqualTo(40);
	}

	@Test
	void contextHeadroomWorksTheSameWayOnTwentyPoints() {
		assertThat(CapabilityMatch.of(needs(null, 32768), offer(null, 32768, 16, null)).parts().context()).isEqualTo(10);
		assertThat(CapabilityMatch.of(needs(null, 24576), offer(null, 32768, 16, null)).parts().context()).isEqualTo(15);
		assertThat(CapabilityMatch.of(needs(null, 8192), offer(null, 32768, 16, null)).parts().context()).isEqualTo(20);
		assertThat(CapabilityMatch.of(needs(null, 131072), offer(null, null, 16, null)).parts().context()).isEqualTo(20);
		assertThat(CapabilityMatch.of(needs(null, null), offer(null, 4096, 16, null)).parts().context()).isEqualTo(20);
	}

	@Test
	void concurrencyCountsPerModelSlot() {
		assertThat(CapabilityMatch.of(needs(null, null), offer(null, null, 16, null)).parts().concurrency()).isEqualTo(20);
		assertThat(CapabilityMatch.of(needs(null, null), offer(null, null, 16, 4)).parts().concurrency()).isEqualTo(5);
		assertThat(CapabilityMatch.of(needs(null, null), offer(null, null, 64, 2)).parts().concurrency()).isEqualTo(20);
		assertThat(CapabilityMatch.of(needs(null, null), offer(null, null, 4, null)).parts().concurrency()).isEqualTo(5);
		var unknown = CapabilityMatch.of(needs(null, null), offer(null, null, null, null));
		assertThat(unknown.parts().concurrency()).isEqualTo(10);
		assertThat(unknown.reasons()).contains("concurrency 10/20: agent states no max concurrency");
	}

	@Test
	void tooLittleGpuMemoryIsInfeasibleAndSaysWhy() {
		var match = CapabilityMatch.of(needs("40", null), offer("24", null, 16, null));
		assertThat(match.feasible()).isFalse();
		assertThat(match.score()).isZero();
		assertThat(match.parts()).isEqualTo(CapabilityMatch.Parts.NONE);
		assertThat(match.reasons()).containsExactly("model needs 40 GB of GPU memory; the agent has 24 GB");
	}

	@Test
	void anAgentThatDoesNotStateItsMemoryCannotHostAModelThatNeedsSome() {
		var match = CapabilityMatch.of(needs("8", null), offer(null, null, 16, null));
		assertThat(match.feasible()).isFalse();
		assertThat(match.reasons()).containsExactly("model needs 8 GB of GPU memory; the agent does not state its gpuMemoryGb");
	}

	@Test
	void aContextWindowLargerThanTheAgentsMaxContextIsInfeasible() {
		var match = CapabilityMatch.of(needs(null, 131072), offer(null, 32768, 16, null));
		assertThat(match.feasible()).isFalse();
		assertThat(match.reasons()).containsExactly("model's context window 131072 exceeds the agent's max context 32768");
	}

	@Test
	void everyCapabilityTheModelListsIsRequiredExceptChatCaseInsensitively() {
		assertThat(CapabilityMatch.of(needs(null, null, "chat", "TOOLS"), offer(null, null, 16, null, "tools")).feasible()).isTrue();
		assertThat(CapabilityMatch.of(needs(null, null, "chat"), offer(null, null, 16, null)).feasible()).isTrue();
		var missing = CapabilityMatch.of(needs(null, null, "chat", "tools", "vision", "json"), offer(null, null, 16, null, "Tools"));
		assertThat(missing.feasible()).isFalse();
		assertThat(missing.reasons()).containsExactly("agent lacks vision, json");
	}

	@Test
	void inactiveAgentsAndRetiredModelsAreInfeasible() {
		var draining = new CapabilityMatch.Offer("draining", null, null, List.of(), 16, null);
		assertThat(CapabilityMatch.of(needs(null, null), draining).reasons()).containsExactly("agent is draining, not active");
		var archived = new CapabilityMatch.Needs(ModelStatus.ARCHIVED, null, null, List.of());
		assertThat(CapabilityMatch.of(archived, offer(null, null, 16, null)).feasible()).isFalse();
		var experimental = new CapabilityMatch.Needs(ModelStatus.EXPERIMENTAL, null, null, List.of());
		assertThat(CapabilityMatch.of(experimental, offer(null, null, 16, null)).feasible()).isTrue();
	}

	@Test
	void namesEveryFailedRequirementAtOnce() {
		var match = CapabilityMatch.of(needs("80", 200000, "vision"), offer("24", 8192, 16, null));
		assertThat(match.reasons()).hasSize(3);
	}

	@Test
	void scoresStayWithinZeroToOneHundred() {
		var random = new java.util.Random(3);
		for (int i = 0; i < 2000; i++) {
			var needs = needs(random.nextBoolean() ? null : String.valueOf(random.nextInt(100)),
					random.nextBoolean() ? null : 1 + random.nextInt(200_000));
			var offer = offer(random.nextBoolean() ? null : String.valueOf(random.nextInt(100)),
					random.nextBoolean() ? null : 1 + random.nextInt(200_000), random.nextBoolean() ? null : 1 + random.nextInt(64),
					random.nextBoolean() ? null : 1 + random.nextInt(8));
			var match = CapabilityMatch.of(needs, offer);
			assertThat(match.score()).isBetween(0, 100).isEqualTo(match.parts().total());
			assertThat(match.reasons()).isNotEmpty();
		}
	}

	static CapabilityMatch.Needs needs(String minGpuMemoryGb, Integer contextWindow, String... capabilities) {
		return new CapabilityMatch.Needs(ModelStatus.ACTIVE, minGpuMemoryGb == null ? null : new BigDecimal(minGpuMemoryGb),
				contextWindow, List.of(capabilities));
	}

	static CapabilityMatch.Offer offer(String gpuMemoryGb, Integer maxContext, Integer maxConcurrency, Integer maxModels,
			String... features) {
		return new CapabilityMatch.Offer("active", gpuMemoryGb == null ? null : new BigDecimal(gpuMemoryGb), maxContext,
				List.of(features), maxConcurrency, maxModels);
	}
}
