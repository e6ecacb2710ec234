package dev.arbiter.registry.internal;

import dev.arbiter.shared.Time;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.arbiter.registry.ModelStatus;
import dev.arbiter.tenancy.OrganizationCreated;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives a new organization the three tiers of seed 002 and the five starter models of seed 000
 * with their providers and prices. Runs inside the transaction that creates the organization.
 */
@Component
class RegistrySeeds {

	/** Seed 000 gives each model one relative cost; it becomes the price per million input and output tokens. */
	private record StarterModel(String name, String provider, String displayName, int contextWindow, String cost,
			List<String> capabilities, List<String> tags) {
	}

	private static final List<StarterModel> MODELS = List.of(
			new StarterModel("Qwen2.5-1.5B-Instruct", "Qwen", "Qwen2.5 1.5B Instruct", 32_768, "1.0", List.of("chat"),
					List.of("small", "general")),
			new StarterModel("Qwen2.5-3B-Instruct", "Qwen", "Qwen2.5 3B Instruct", 32_768, "2.0", List.of("chat"),
					List.of("small", "general")),
			new StarterModel("DeepSeek-R1-Distill-Qwen-1.5B", "deepseek-ai", "DeepSeek R1 Distill Qwen 1.5B", 131_072, "1.0",
					List.of("chat", "reasoning"), List.of("small", "reasoning")),
			new StarterModel("TinyLlama-1.1B-Chat-v1.0", "TinyLlama", "TinyLlama 1.1B Chat", 2_048, "0.7", List.of("chat"),
					List.of("tiny")),
			new StarterModel("deepseek-math-7b-instruct", "deepseek-ai", "DeepSeek Math 7B Instruct", 4_096, "5.0",
					List.of("chat"), List.of("math")));

	private final Providers providers;

	private final Tiers tiers;

	private final Models models;

	RegistrySeeds(Providers providers, Tiers tiers, Models models) {
		this.providers = providers;
		this.tiers = tiers;
		this.models = models;
	}

	@EventListener
	void seed(OrganizationCreated event) {
		var org = event.orgId();
		tiers.save(org, tier("local", "Self-hosted models on your own hardware", "ollama/codellama:7b", 16_000, "0.00", "0.00"), true);
		tiers.save(org, tier("cloud_fast", "Fast, inexpensive hosted models", "glm-4.5", 128_000, "0.20", "0.20"), true);
		tiers.save(org, tier("cloud_premium", "The strongest hosted models", "glm-4.6", 128_000, "0.30", "0.30"), true);

		var now = Time.now();
		for (var starter : MODELS) {
			var provider = providers.byName(org, starter.provider())
				.orElseGet(() -> providers.insert(org, starter.provider(), starter.provider(), null));
			var id = UUID.randomUUID();
			models.insert(org, id, new ModelFields(starter.name(), provider.id(), starter.displayName(),
					"Starter model from the seed catalogue", "local", starter.contextWindow(), starter.capabilities(),
					null, ModelStatus.ACTIVE, null, null, false, starter.tags()));
			var cost = new BigDecimal(starter.cost());
			models.addPrice(org, id, cost, cost, now);
		}
	}

	private static Tiers.Tier tier(String name, String description, String model, int context, String input, String output) {
		return new Tiers.Tier(UUID.randomUUID(), name, description, model, context, new BigDecimal(input), new BigDecimal(output),
				true, true, null, null);
	}
}
