package dev.arbiter.inference;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.arbiter.registry.ModelCatalog.Price;
import dev.arbiter.registry.ModelCatalog.Upstream;

/** Upstreams, settings and prices for the inference tests. */
final class Fixtures {

	static final UUID ORG = UUID.fromString("00000000-0000-0000-0000-00000000000a");

	static final String API_KEY = "sk-test-0123456789abcdef";

	/** USD 2 per million input tokens, 4 per million output tokens. */
	static final Price PRICE = new Price(new BigDecimal("2.00"), new BigDecimal("4.00"));

	private Fixtures() {
	}

	/** An OpenAI-compatible agent at {@code baseUrl} serving the registry model {@code priced} as {@code upstreamModel}. */
	static Upstream anOpenAiUpstream(String baseUrl, String upstreamModel) {
		return upstream(baseUrl, "openai", upstreamModel, API_KEY, null);
	}

	static Upstream anAnthropicUpstream(String baseUrl) {
		return upstream(baseUrl, "anthropic", "claude-test", API_KEY, null);
	}

	static Upstream withoutKey(Upstream u) {
		return upstream(u.baseUrl(), u.apiType(), u.upstreamModel(), null, u.maxConcurrency(), u.agentId(), u.model());
	}

	static Upstream withMaxConcurrency(Upstream u, Integer maxConcurrency) {
		return upstream(u.baseUrl(), u.apiType(), u.upstreamModel(), u.apiKey(), maxConcurrency, u.agentId(), u.model());
	}

	/** The same agent serving a model that has no price. */
	static Upstream unpriced(Upstream u) {
		return upstream(u.baseUrl(), u.apiType(), u.upstreamModel(), u.apiKey(), u.maxConcurrency(), u.agentId(), "unpriced");
	}

	private static Upstream upstream(String baseUrl, String apiType, String upstreamModel, String apiKey,
			Integer maxConcurrency) {
		return upstream(baseUrl, apiType, upstreamModel, apiKey, maxConcurrency, UUID.randomUUID(), "priced");
	}

	private static Upstream upstream(String baseUrl, String apiType, String upstreamModel, String apiKey,
			Integer maxConcurrency, UUID agentId, String model) {
		return new Upstream(UUID.randomUUID(), agentId, "agent-" + agentId.toString().substring(0, 8), baseUrl, apiType,
				apiKey, maxConcurrency, UUID.randomUUID(), model, upstreamModel, 80, BigDecimal.ONE, "ACTIVE");
	}

	/** Quick retries, generous timeouts. */
	static InferenceSettings settings() {
		return new InferenceSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30), 3,
				Duration.ofMillis(1), Duration.ofMillis(5), 16);
	}

	/** An Inference whose only priced model is {@code priced}, at {@link #PRICE}. */
	static Inference inference(InferenceSettings settings) {
		return new Inference(settings, (org, model, at) -> "priced".equals(model) ? Optional.of(PRICE) : Optional.empty());
	}

	static Inference inference() {
		return inference(settings());
	}
}
