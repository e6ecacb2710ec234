package dev.arbiter.evaluation.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.arbiter.evaluation.internal.scoring.InvalidScoringConfig;
import dev.arbiter.evaluation.internal.scoring.Score;
import dev.arbiter.evaluation.internal.scoring.Scorer;
import dev.arbiter.evaluation.internal.scoring.Scorers;
import dev.arbiter.evaluation.internal.scoring.ScoringInput;
import dev.arbiter.inference.ChatMessage;
import dev.arbiter.inference.ChatRequest;
import dev.arbiter.inference.Inference;
import dev.arbiter.inference.UpstreamFailed;
import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.shared.InvalidInput;

import org.springframework.stereotype.Component;

/**
 * Builds a run's scorers from the suite's scoring configuration: the standard text scorers plus
 * {@code judge}, an LLM-as-judge that asks any registered model to grade the answer against a
 * rubric. An empty configuration scores by normalised exact match.
 */
@Component
class RunScoring {

	private static final Pattern SCORE = Pattern.compile("(?i)score\\s*[:=]?\\s*(-?\\d+(?:\\.\\d+)?)(?:\\s*/\\s*(\\d+(?:\\.\\d+)?))?");

	private final Inference inference;

	private final ModelCatalog models;

	RunScoring(Inference inference, ModelCatalog models) {
		this.inference = inference;
		this.models = models;
	}

	List<Scorer> scorers(EvalRun run) {
		return scorers(run.orgId(), run.scoring());
	}

	/** The scorers of a configuration; a bad configuration is an {@link InvalidInput} naming the key. */
	List<Scorer> scorers(UUID orgId, List<Map<String, Object>> config) {
		var configs = config == null || config.isEmpty() ? List.<Map<String, Object>>of(Map.of("type", "exact")) : config;
		var registry = Scorers.standard().with("judge", c -> new JudgeScorer(orgId, c.string("model", null),
				c.string("rubric", "Is the answer correct and complete?"), c.number("scale", 10, 1, 100), c.threshold(0.7),
				c.name()))
			.with("reference", c -> new ReferenceScorer(orgId, c.string("model", null),
					Scorers.standard().create(Map.of("type", c.choice("similarity", "rouge", List.of("rouge", "levenshtein", "embedding",
							"bleu", "exact", "contains")), "threshold", c.threshold(0.5))), c.name()));
		try {
			return registry.createAll(configs);
		}
		catch (InvalidScoringConfig e) {
			throw new InvalidInput("scoring", e.getMessage());
		}
	}

	/**
	 * Seed 001's master-model comparison: asks a reference model the same prompt (once per prompt
	 * and run) and scores the answer by its similarity to the reference answer, with any text
	 * scorer ({@code rouge} by default). Without {@code model} the organization's model flagged
	 * {@code reference} is used.
	 */
	final class ReferenceScorer implements Scorer {

		private final UUID orgId;

		private final String model;

		private final Scorer similarity;

		private final String name;

		private final Map<String, String> answers = new java.util.concurrent.ConcurrentHashMap<>();

		ReferenceScorer(UUID orgId, String model, Scorer similarity, String name) {
			this.orgId = orgId;
			this.model = model != null ? model
					: models.all(orgId).stream().filter(ModelCatalog.ModelInfo::reference).map(ModelCatalog.ModelInfo::name).findFirst()
						.orElseThrow(() -> new InvalidInput("scoring",
								"a reference scorer needs 'model', or a model flagged as reference in the registry"));
			this.similarity = similarity;
			this.name = name;
		}

		@Override
		public String name() {
			return name;
		}

		@Override
		public Score score(ScoringInput input) {
			String reference;
			try {
				reference = answers.computeIfAbsent(input.prompt(), prompt -> {
					var upstream = models.upstreams(orgId).stream().filter(u -> u.model().equals(model)).findFirst()
						.orElseThrow(() -> new UpstreamFailed("no_assignment", null, false, null, 0, 0,
								"reference model '" + model + "' has no active assignment"));
					return inference.chat(orgId, upstream, new ChatRequest(List.of(new ChatMessage("user", prompt)), 0.0, null, null,
							Map.of())).content();
				});
			}
			catch (UpstreamFailed e) {
				return Score.failed(name, "the reference model failed: " + e.getMessage());
			}
			var compared = similarity.score(new ScoringInput(input.prompt(), input.output(), List.of(reference)));
			return new Score(name, compared.value(), compared.passed(), "vs " + model + ": " + compared.detail());
		}
	}

	/**
	 * Asks a judge model to grade an answer on a 0–{@code scale} scale and reads "Score: N" from its
	 * reply; a reply without a readable score fails the item with the judge's words as the detail.
	 */
	final class JudgeScorer implements Scorer {

		private final UUID orgId;

		private final String model;

		private final String rubric;

		private final double scale;

		private final double threshold;

		private final String name;

		JudgeScorer(UUID orgId, String model, String rubric, double scale, double threshold, String name) {
			if (model == null || model.isBlank()) {
				throw new InvalidInput("scoring", "a judge scorer needs 'model', the name of a registered model");
			}
			this.orgId = orgId;
			this.model = model;
			this.rubric = rubric;
			this.scale = scale;
			this.threshold = threshold;
			this.name = name;
		}

		@Override
		public String name() {
			return name;
		}

		@Override
		public Score score(ScoringInput input) {
			var upstream = models.upstreams(orgId).stream().filter(u -> u.model().equals(model)).findFirst();
			if (upstream.isEmpty()) {
				return Score.failed(name, "judge model '" + model + "' has no active assignment");
			}
			var prompt = "You are grading an answer.\nRubric: " + rubric + "\n\nQuestion:\n" + input.prompt()
					+ (input.expected().isEmpty() ? "" : "\n\nReference answer:\n" + String.join("\n", input.expected()))
					+ "\n\nAnswer to grade:\n" + input.output() + "\n\nReply with one line 'Score: N' where N is from 0 to "
					+ (int) scale + ", then a short reason.";
			try {
				var reply = inference.chat(orgId, upstream.get(), new ChatRequest(List.of(new ChatMessage("user", prompt)), 0.0, 200,
						null, Map.of())).content();
				var parsed = parse(reply, scale);
				if (parsed == null) {
					return Score.failed(name, "the judge's reply has no score 'Score: N' from 0 to " + (int) scale + ": " + abbreviate(reply));
				}
				return Score.of(name, parsed, threshold, abbreviate(reply));
			}
			catch (UpstreamFailed e) {
				return Score.failed(name, "the judge model failed: " + e.getMessage());
			}
		}

		/** The score in a judge's reply as a fraction of {@code scale} ("Score: 8", "score = 4/5"), or null if there is none in range. */
		static Double parse(String reply, double scale) {
			var matcher = SCORE.matcher(reply == null ? "" : reply);
			if (!matcher.find()) {
				return null;
			}
			double raw = Double.parseDouble(matcher.group(1));
			double outOf = matcher.group(2) != null ? Double.parseDouble(matcher.group(2)) : scale;
			return raw < 0 || raw > outOf || outOf <= 0 ? null : raw / outOf;
		}

		private static String abbreviate(String text) {
			if (text == null) {
				return "(empty)";
			}
			return text.length() <= 300 ? text : text.substring(0, 300) + "…";
		}
	}
}
