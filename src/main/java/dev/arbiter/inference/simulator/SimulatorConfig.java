package dev.arbiter.inference.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What the simulator serves: fake models of configurable quality, speed and error rate, and the
 * benchmark items whose answers they "know".
 *
 * <p>Read from YAML with {@link #load(Path)}:
 * <pre>
 * seed: 42                        # root of every random decision (default 0)
 * answerTemplate: "The answer is {answer}."   # phrasing of numeric and single-letter answers
 * forceTimeoutMs: 30000           # how long X-Sim-Force: timeout holds the connection
 * models:
 *   - name: sim-large
 *     accuracy: {default: 0.9, math: 0.95, code: 0.8}   # or one number for every domain (default 1)
 *     latency: {medianMs: 400, p95Ms: 900}              # log-normal (default 100 / 200)
 *     ttftMs: 80                                        # default medianMs / 5
 *     errorRate: 0.01                                   # HTTP 500 (default 0)
 *     rateLimitRate: 0.0                                # HTTP 429, Retry-After: 1 (default 0)
 *     outputTokens: {mean: 120}                         # unknown prompts (default 120)
 * datasets:
 *   - path: items.jsonl           # relative to the YAML file; {"prompt", "expected", "domain"} per line
 * items:                          # optional inline items
 *   - {prompt: "2+2?", expected: 4, domain: math}
 * </pre>
 * or built in code:
 * <pre>{@code
 * SimulatorConfig.of(42, Model.named("sim-large").withAccuracy(0.9).withAccuracy("math", 0.95))
 *     .withItems(List.of(new Item("What is 2+2?", "4", "math")));
 * }</pre>
 *
 * @param seed            the root of every random decision; the same seed gives the same answers
 * @param models          the models served, by unique name
 * @param datasets        JSONL files of items, read when the simulator starts
 * @param items           items given inline, in addition to the datasets
 * @param answerTemplate  how a short (numeric or single-letter) answer is phrased; {@code {answer}}
 *                        is replaced by the answer. Longer textual answers are sent verbatim.
 * @param forceTimeoutMs  how long {@code X-Sim-Force: timeout} holds a connection before closing it
 */
public record SimulatorConfig(long seed, List<Model> models, List<Dataset> datasets, List<Item> items,
		String answerTemplate, long forceTimeoutMs) {

	public static final String DEFAULT_ANSWER_TEMPLATE = "The answer is {answer}.";

	public static final long DEFAULT_FORCE_TIMEOUT_MS = 30_000;

	public SimulatorConfig {
		models = List.copyOf(models);
		datasets = List.copyOf(datasets);
		items = List.copyOf(items);
		if (models.isEmpty()) {
			throw new IllegalArgumentException("models: at least one model is required");
		}
		var names = new HashSet<String>();
		for (Model model : models) {
			if (!names.add(model.name())) {
				throw new IllegalArgumentException("models: duplicate model name '" + model.name() + "'");
			}
		}
		Objects.requireNonNull(answerTemplate, "answerTemplate");
		if (!answerTemplate.contains("{answer}")) {
			throw new IllegalArgumentException("answerTemplate must contain {answer}");
		}
		if (forceTimeoutMs < 0) {
			throw new IllegalArgumentException("forceTimeoutMs must be >= 0");
		}
	}

	public static SimulatorConfig of(long seed, Model... models) {
		return new SimulatorConfig(seed, List.of(models), List.of(), List.of(), DEFAULT_ANSWER_TEMPLATE,
				DEFAULT_FORCE_TIMEOUT_MS);
	}

	public SimulatorConfig withItems(List<Item> items) {
		return new SimulatorConfig(seed, models, datasets, items, answerTemplate, forceTimeoutMs);
	}

	public SimulatorConfig withDatasets(Path... paths) {
		return new SimulatorConfig(seed, models, List.of(paths).stream().map(Dataset::new).toList(), items,
				answerTemplate, forceTimeoutMs);
	}

	public SimulatorConfig withAnswerTemplate(String answerTemplate) {
		return new SimulatorConfig(seed, models, datasets, items, answerTemplate, forceTimeoutMs);
	}

	public SimulatorConfig withForceTimeoutMs(long forceTimeoutMs) {
		return new SimulatorConfig(seed, models, datasets, items, answerTemplate, forceTimeoutMs);
	}

	/** The model of that name, or null. */
	public Model model(String name) {
		for (Model model : models) {
			if (model.name().equals(name)) {
				return model;
			}
		}
		return null;
	}

	/**
	 * A fake model.
	 *
	 * @param name          the id clients send as {@code model}
	 * @param accuracy      probability of answering a known item correctly, per domain; the key
	 *                      {@code default} applies to domains not listed
	 * @param latency       total response time, log-normal
	 * @param ttftMs        time to first token when streaming (and the delay of simulated 500s)
	 * @param errorRate     fraction of calls answered with HTTP 500
	 * @param rateLimitRate fraction of calls answered with HTTP 429 and {@code Retry-After: 1}
	 * @param outputTokens  length of replies to prompts the simulator does not know
	 */
	public record Model(String name, Map<String, Double> accuracy, Latency latency, long ttftMs, double errorRate,
			double rateLimitRate, OutputTokens outputTokens) {

		public static final String DEFAULT_DOMAIN = "default";

		public Model {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("model name must not be blank");
			}
			accuracy = Map.copyOf(accuracy);
			accuracy.forEach((domain, p) -> requireProbability("models." + name + ".accuracy." + domain, p));
			Objects.requireNonNull(latency, "latency");
			Objects.requireNonNull(outputTokens, "outputTokens");
			if (ttftMs < 0) {
				throw new IllegalArgumentException("models." + name + ".ttftMs must be >= 0");
			}
			requireProbability("models." + name + ".errorRate", errorRate);
			requireProbability("models." + name + ".rateLimitRate", rateLimitRate);
			if (errorRate + rateLimitRate > 1) {
				throw new IllegalArgumentException("models." + name + ": errorRate + rateLimitRate must be <= 1");
			}
		}

		/** A perfect, fast, reliable model: accuracy 1, latency 100 ms median and 200 ms p95. */
		public static Model named(String name) {
			return new Model(name, Map.of(DEFAULT_DOMAIN, 1.0), new Latency(100, 200), 20, 0, 0, new OutputTokens(120));
		}

		public double accuracyFor(String domain) {
			Double p = accuracy.get(domain);
			if (p == null) {
				p = accuracy.get(DEFAULT_DOMAIN);
			}
			return p == null ? 1.0 : p;
		}

		public Model withAccuracy(double defaultAccuracy) {
			return withAccuracy(DEFAULT_DOMAIN, defaultAccuracy);
		}

		public Model withAccuracy(String domain, double p) {
			var copy = new LinkedHashMap<>(accuracy);
			copy.put(domain, p);
			return new Model(name, copy, latency, ttftMs, errorRate, rateLimitRate, outputTokens);
		}

		public Model withLatency(double medianMs, double p95Ms) {
			return new Model(name, accuracy, new Latency(medianMs, p95Ms), ttftMs, errorRate, rateLimitRate,
					outputTokens);
		}

		public Model withTtftMs(long ttftMs) {
			return new Model(name, accuracy, latency, ttftMs, errorRate, rateLimitRate, outputTokens);
		}

		public Model withErrorRate(double errorRate) {
			return new Model(name, accuracy, latency, ttftMs, errorRate, rateLimitRate, outputTokens);
		}

		public Model withRateLimitRate(double rateLimitRate) {
			return new Model(name, accuracy, latency, ttftMs, errorRate, rateLimitRate, outputTokens);
		}

		public Model withOutputTokens(int mean) {
			return new Model(name, accuracy, latency, ttftMs, errorRate, rateLimitRate, new OutputTokens(mean));
		}

	}

	/** A log-normal latency given by its median and 95th percentile, in milliseconds. */
	public record Latency(double medianMs, double p95Ms) {

		public Latency {
			if (medianMs < 0 || p95Ms < medianMs) {
				throw new IllegalArgumentException("latency needs 0 <= medianMs <= p95Ms, got " + medianMs + " and " + p95Ms);
			}
		}

	}

	/** Mean length, in tokens, of a reply to an unknown prompt. */
	public record OutputTokens(int mean) {

		public OutputTokens {
			if (mean < 1) {
				throw new IllegalArgumentException("outputTokens.mean must be >= 1");
			}
		}

	}

	/** A JSONL file of items, one {@code {"prompt": ..., "expected": ..., "domain": ...}} per line. */
	public record Dataset(Path path) {

		public Dataset {
			Objects.requireNonNull(path, "path");
		}

	}

	/** A benchmark item the simulator knows the answer to. */
	public record Item(String prompt, String expected, String domain) {

		public Item {
			if (prompt == null || prompt.isBlank()) {
				throw new IllegalArgumentException("item prompt must not be blank");
			}
			Objects.requireNonNull(expected, "expected");
			domain = domain == null || domain.isBlank() ? Model.DEFAULT_DOMAIN : domain;
		}

	}

	/** Reads a YAML configuration; relative dataset paths are resolved against the file's folder. */
	public static SimulatorConfig load(Path yamlFile) {
		try {
			Path base = yamlFile.toAbsolutePath().getParent();
			return parse(Files.readString(yamlFile), base);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read simulator config " + yamlFile, ex);
		}
	}

	/** Parses a YAML configuration; relative dataset paths are resolved against {@code baseDir}. */
	public static SimulatorConfig parse(String yaml, Path baseDir) {
		JsonNode root;
		try {
			root = new YAMLMapper().readTree(yaml);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("simulator config is not valid YAML: " + ex.getOriginalMessage(), ex);
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException("simulator config must be a YAML mapping");
		}
		var models = new ArrayList<Model>();
		for (JsonNode node : root.path("models")) {
			models.add(parseModel(node));
		}
		var datasets = new ArrayList<Dataset>();
		for (JsonNode node : root.path("datasets")) {
			String path = node.isString() ? node.stringValue() : text(node, "path", "datasets[].path");
			datasets.add(new Dataset(baseDir.resolve(path).normalize()));
		}
		var items = new ArrayList<Item>();
		for (JsonNode node : root.path("items")) {
			items.add(new Item(text(node, "prompt", "items[].prompt"), text(node, "expected", "items[].expected"),
					node.path("domain").asString(null)));
		}
		return new SimulatorConfig(number(root, "seed", 0).longValue(), models, datasets, items,
				root.path("answerTemplate").asString(DEFAULT_ANSWER_TEMPLATE),
				number(root, "forceTimeoutMs", DEFAULT_FORCE_TIMEOUT_MS).longValue());
	}

	private static Model parseModel(JsonNode node) {
		String name = text(node, "name", "models[].name");
		Model defaults = Model.named(name);
		var accuracy = new LinkedHashMap<String, Double>();
		JsonNode acc = node.path("accuracy");
		if (acc.isNumber()) {
			accuracy.put(Model.DEFAULT_DOMAIN, acc.doubleValue());
		}
		else if (acc.isObject()) {
			for (var entry : acc.properties()) {
				accuracy.put(entry.getKey(), number(acc, entry.getKey(), 0).doubleValue());
			}
		}
		else {
			accuracy.putAll(defaults.accuracy());
		}
		Latency latency = defaults.latency();
		JsonNode lat = node.path("latency");
		if (lat.isObject()) {
			double median = number(lat, "medianMs", latency.medianMs()).doubleValue();
			latency = new Latency(median, number(lat, "p95Ms", median).doubleValue());
		}
		JsonNode out = node.path("outputTokens");
		int outputTokens = (out.isObject() ? number(out, "mean", defaults.outputTokens().mean())
				: number(node, "outputTokens", defaults.outputTokens().mean())).intValue();
		long ttftDefault = Math.round(latency.medianMs() / 5);
		return new Model(name, accuracy, latency, number(node, "ttftMs", ttftDefault).longValue(),
				number(node, "errorRate", 0).doubleValue(), number(node, "rateLimitRate", 0).doubleValue(),
				new OutputTokens(outputTokens));
	}

	private static String text(JsonNode node, String field, String where) {
		JsonNode value = node.path(field);
		if (!value.isValueNode() || value.isNull()) {
			throw new IllegalArgumentException(where + " is required");
		}
		return value.asString();
	}

	private static Number number(JsonNode node, String field, Number fallback) {
		JsonNode value = node.path(field);
		if (value.isMissingNode() || value.isNull()) {
			return fallback;
		}
		if (!value.isNumber()) {
			throw new IllegalArgumentException(field + " must be a number, got '" + value.asString() + "'");
		}
		return value.numberValue();
	}

	private static void requireProbability(String field, double p) {
		if (!(p >= 0 && p <= 1)) {
			throw new IllegalArgumentException(field + " must be between 0 and 1, got " + p);
		}
	}

}
