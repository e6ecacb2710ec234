package dev.arbiter.registry.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.arbiter.registry.ModelStatus;

/**
 * How well an agent can host a model: a score from 0 to 100 with the reasons, in words.
 *
 * <p>Hard requirements come first. If any fails the pair is <em>infeasible</em>: score 0, never
 * chosen by auto-assignment, and every failed requirement is named.
 *
 * <table>
 * <caption>Hard requirements</caption>
 * <tr><th>requirement</th><th>fails when</th></tr>
 * <tr><td>agent takes work</td><td>the agent's status is not {@code active}</td></tr>
 * <tr><td>model takes traffic</td><td>the model is {@code deprecated} or {@code archived}</td></tr>
 * <tr><td>GPU memory</td><td>the model states {@code minGpuMemoryGb} &gt; 0 and the agent has less, or does not state its
 * {@code gpuMemoryGb}</td></tr>
 * <tr><td>context</td><td>both are stated and the model's {@code contextWindow} is larger than the agent's
 * {@code maxContext}</td></tr>
 * <tr><td>capabilities</td><td>the model lists a capability that is not among the agent's {@code features}; every
 * agent is taken to serve {@code chat}; compared case-insensitively</td></tr>
 * </table>
 *
 * <p>A feasible pair scores the sum of four parts, each rounded to a whole number:
 *
 * <table>
 * <caption>Parts of the score of a feasible pair</caption>
 * <tr><th>part</th><th>max</th><th>points</th></tr>
 * <tr><td>memory headroom</td><td>40</td><td>headroom {@code h = (gpuMemoryGb - minGpuMemoryGb) / gpuMemoryGb};
 * {@code 40 × (½ + ½ × min(1, h / 0.5))}: an exact fit earns 20, half the memory left free or more earns 40; a model
 * that states no need earns 40</td></tr>
 * <tr><td>context headroom</td><td>20</td><td>the same with {@code maxContext} and {@code contextWindow}: an exact fit
 * earns 10, an agent allowing twice the window or more earns 20; 20 when either side states no limit</td></tr>
 * <tr><td>features</td><td>20</td><td>the share of the model's capabilities the agent serves, which for a feasible pair
 * is all of them: 20 (the part keeps a perfect pair at 100, so the score reads as a percentage)</td></tr>
 * <tr><td>concurrency</td><td>20</td><td>concurrent requests per model slot, {@code maxConcurrency / maxModels} (or
 * {@code maxConcurrency} when {@code maxModels} is unlimited): {@code 20 × min(1, perSlot / 16)}; 10 when the agent
 * states no {@code maxConcurrency}</td></tr>
 * </table>
 */
final class CapabilityMatch {

	static final int MEMORY = 40;

	static final int CONTEXT = 20;

	static final int FEATURES = 20;

	static final int CONCURRENCY = 20;

	/** Concurrent requests per hosted model that earn the full concurrency part. */
	static final int FULL_CONCURRENCY = 16;

	/** What every agent serves without listing it. */
	static final Set<String> IMPLIED_FEATURES = Set.of("chat");

	private CapabilityMatch() {
	}

	/** What a model needs from its host. */
	record Needs(ModelStatus status, BigDecimal minGpuMemoryGb, Integer contextWindow, List<String> capabilities) {

		static Needs of(Model model) {
			return new Needs(model.status(), model.minGpuMemoryGb(), model.contextWindow(), model.capabilities());
		}
	}

	/** What an agent offers; {@code maxModels} null means unlimited. */
	record Offer(String status, BigDecimal gpuMemoryGb, Integer maxContext, List<String> features, Integer maxConcurrency,
			Integer maxModels) {

		static Offer of(Agents.Agent agent) {
			return new Offer(agent.status(), agent.gpuMemoryGb(), agent.maxContext(), agent.features(), agent.maxConcurrency(),
					agent.maxModels());
		}
	}

	/** The points of each part; all 0 for an infeasible pair. */
	record Parts(int memory, int context, int features, int concurrency) {

		static final Parts NONE = new Parts(0, 0, 0, 0);

		int total() {
			return memory + context + features + concurrency;
		}
	}

	/** The score with its parts and reasons; for an infeasible pair the reasons are the failed requirements. */
	record Result(boolean feasible, int score, Parts parts, List<String> reasons) {
	}

	static Result of(Needs model, Offer agent) {
		var failures = new ArrayList<String>();
		if (!"active".equals(agent.status())) {
			failures.add("agent is " + agent.status() + ", not active");
		}
		if (model.status() == ModelStatus.DEPRECATED || model.status() == ModelStatus.ARCHIVED) {
			failures.add("model is " + model.status().wire());
		}
		var need = model.minGpuMemoryGb();
		var has = agent.gpuMemoryGb();
		boolean needsMemory = need != null && need.signum() > 0;
		if (needsMemory && has == null) {
			failures.add("model needs " + gb(need) + " of GPU memory; the agent does not state its gpuMemoryGb");
		}
		else if (needsMemory && has.compareTo(need) < 0) {
			failures.add("model needs " + gb(need) + " of GPU memory; the agent has " + gb(has));
		}
		var window = model.contextWindow();
		var limit = agent.maxContext();
		if (window != null && limit != null && window > limit) {
			failures.add("model's context window " + window + " exceeds the agent's max context " + limit);
		}
		var missing = missingCapabilities(model.capabilities(), agent.features());
		if (!missing.isEmpty()) {
			failures.add("agent lacks " + String.join(", ", missing));
		}
		if (!failures.isEmpty()) {
			return new Result(false, 0, Parts.NONE, List.copyOf(failures));
		}

		var reasons = new ArrayList<String>();
		int memory;
		if (!needsMemory) {
			memory = MEMORY;
			reasons.add("memory " + memory + "/" + MEMORY + ": model states no GPU memory need");
		}
		else {
			double headroom = has.subtract(need).doubleValue() / has.doubleValue();
			memory = headroomPoints(MEMORY, headroom);
			reasons.add("memory " + memory + "/" + MEMORY + ": needs " + gb(need) + " of " + gb(has) + ", "
					+ percent(headroom) + " headroom");
		}
		int context;
		if (window == null || limit == null) {
			context = CONTEXT;
			reasons.add("context " + context + "/" + CONTEXT + ": " + (window == null ? "model states no context window"
					: "agent sets no context limit"));
		}
		else {
			double headroom = (double) (limit - window) / limit;
			context = headroomPoints(CONTEXT, headroom);
			reasons.add("context " + context + "/" + CONTEXT + ": window " + window + " of max " + limit + ", "
					+ percent(headroom) + " headroom");
		}
		var required = required(model.capabilities());
		reasons.add("features " + FEATURES + "/" + FEATURES + ": "
				+ (required.isEmpty() ? "model lists no capabilities beyond chat" : "serves " + String.join(", ", required)));
		int concurrency;
		if (agent.maxConcurrency() == null) {
			concurrency = CONCURRENCY / 2;
			reasons.add("concurrency " + concurrency + "/" + CONCURRENCY + ": agent states no max concurrency");
		}
		else {
			double perSlot = agent.maxModels() == null ? agent.maxConcurrency() : (double) agent.maxConcurrency() / agent.maxModels();
			concurrency = (int) Math.round(CONCURRENCY * Math.min(1.0, perSlot / FULL_CONCURRENCY));
			reasons.add("concurrency " + concurrency + "/" + CONCURRENCY + ": " + trim(perSlot) + " concurrent requests per model slot"
					+ (agent.maxModels() == null || agent.maxModels() == 1 ? ""
							: " (" + agent.maxConcurrency() + " shared by " + agent.maxModels() + " models)"));
		}
		var parts = new Parts(memory, context, FEATURES, concurrency);
		return new Result(true, parts.total(), parts, List.copyOf(reasons));
	}

	/** Half the points for an exact fit, all of them from 50% headroom up, linear in between. */
	static int headroomPoints(int max, double headroom) {
		return (int) Math.round(max * (0.5 + 0.5 * Math.min(1.0, Math.max(0.0, headroom) / 0.5)));
	}

	private static List<String> missingCapabilities(List<String> capabilities, List<String> features) {
		var offered = new LinkedHashSet<>(IMPLIED_FEATURES);
		if (features != null) {
			features.forEach(feature -> offered.add(normalize(feature)));
		}
		return required(capabilities).stream().filter(capability -> !offered.contains(capability)).toList();
	}

	private static List<String> required(List<String> capabilities) {
		if (capabilities == null) {
			return List.of();
		}
		return capabilities.stream()
			.map(CapabilityMatch::normalize)
			.filter(capability -> !IMPLIED_FEATURES.contains(capability))
			.distinct()
			.toList();
	}

	private static String normalize(String value) {
		return value.trim().toLowerCase(Locale.ROOT);
	}

	private static String gb(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString() + " GB";
	}

	private static String percent(double share) {
		return Math.round(share * 100) + "%";
	}

	private static String trim(double value) {
		return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}
}
