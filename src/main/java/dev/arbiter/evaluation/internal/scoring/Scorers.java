package dev.arbiter.evaluation.internal.scoring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds scorers from configuration such as {@code {"type":"numeric","tolerance":0.01}}.
 *
 * <p>Every config has a {@code type}, may have a {@code name} (what its scores are called; the
 * type by default) and a {@code threshold} (the pass mark; {@code value >= threshold} passes). The
 * standard types and their defaults:
 * <table>
 * <caption>standard scorer types</caption>
 * <tr><th>type</th><th>value</th><th>threshold</th><th>other keys</th></tr>
 * <tr><td>exact</td><td>1/0</td><td>1</td><td>caseSensitive, collapseWhitespace, stripPunctuation</td></tr>
 * <tr><td>contains</td><td>1/0</td><td>1</td><td>wholeWord and the keys of exact</td></tr>
 * <tr><td>regex</td><td>1/0</td><td>1</td><td>pattern, ignoreCase, dotAll, fullMatch</td></tr>
 * <tr><td>numeric</td><td>1/0</td><td>1</td><td>tolerance, relativeTolerance, fractions</td></tr>
 * <tr><td>choice</td><td>1/0</td><td>1</td><td>choices</td></tr>
 * <tr><td>json</td><td>1/0</td><td>1</td><td>schema</td></tr>
 * <tr><td>bleu</td><td>0–1</td><td>0.3</td><td>tokenize, lowercase, smooth, smoothValue</td></tr>
 * <tr><td>rouge</td><td>0–1</td><td>0.5</td><td>variant, stemming, measure</td></tr>
 * <tr><td>levenshtein</td><td>0–1</td><td>0.8</td><td>normalize and the keys of exact</td></tr>
 * <tr><td>embedding</td><td>-1–1</td><td>0.8</td><td></td></tr>
 * </table>
 * A key the chosen type does not know, a value of the wrong kind or out of range, and an unknown
 * type are all rejected with {@link InvalidScoringConfig} naming the key.
 *
 * <p>Scorers that need collaborators (an LLM judge needs an inference client) are added with
 * {@link #with}; this class stays free of them.
 */
public final class Scorers {

	/** Makes a scorer from its config; reads its keys through the config's typed getters. */
	@FunctionalInterface
	public interface Factory {

		Scorer create(ScorerConfig config);

	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Scorers STANDARD = new Scorers(standardFactories());

	private final Map<String, Factory> factories;

	private Scorers(Map<String, Factory> factories) {
		this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
	}

	public static Scorers standard() {
		return STANDARD;
	}

	private static Map<String, Factory> standardFactories() {
		Map<String, Factory> f = new LinkedHashMap<>();
		f.put("exact", ExactMatchScorer::new);
		f.put("contains", ContainsScorer::new);
		f.put("regex", RegexScorer::new);
		f.put("numeric", NumericScorer::new);
		f.put("choice", ChoiceScorer::new);
		f.put("json", JsonScorer::new);
		f.put("bleu", BleuScorer::new);
		f.put("rouge", RougeScorer::new);
		f.put("levenshtein", LevenshteinScorer::new);
		f.put("embedding", EmbeddingScorer::new);
		return f;
	}

	/** These scorers plus (or with a replaced) {@code type}. */
	public Scorers with(String type, Factory factory) {
		Map<String, Factory> more = new LinkedHashMap<>(factories);
		more.put(type, factory);
		return new Scorers(more);
	}

	public Set<String> types() {
		return factories.keySet();
	}

	public Scorer create(Map<String, ?> values) {
		ScorerConfig config = ScorerConfig.of(values);
		String type = config.type();
		Factory factory = factories.get(type);
		if (factory == null) {
			throw new InvalidScoringConfig(ScorerConfig.TYPE, "unknown scorer type '" + type + "'; known: " + types());
		}
		Scorer scorer = factory.create(config);
		config.name();
		config.rejectUnknownKeys();
		return scorer;
	}

	/** A scorer from one JSON object. */
	public Scorer fromJson(String json) {
		return create(parse(json, new TypeReference<Map<String, Object>>() {
		}));
	}

	/** Several scorers, e.g. a suite's scoring config; their names must differ. */
	public List<Scorer> createAll(List<? extends Map<String, ?>> configs) {
		List<Scorer> scorers = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (Map<String, ?> config : configs) {
			Scorer scorer = create(config);
			if (!names.add(scorer.name())) {
				throw new InvalidScoringConfig(ScorerConfig.NAME, "two scorers are named '" + scorer.name()
						+ "'; give one a different name");
			}
			scorers.add(scorer);
		}
		return scorers;
	}

	/** Several scorers from a JSON array of objects. */
	public List<Scorer> allFromJson(String json) {
		return createAll(parse(json, new TypeReference<List<Map<String, Object>>>() {
		}));
	}

	private static <T> T parse(String json, TypeReference<T> type) {
		try {
			T value = JSON.readValue(json, type);
			if (value == null) {
				throw new InvalidScoringConfig(ScorerConfig.TYPE, "no scoring config given");
			}
			return value;
		}
		catch (JacksonException ex) {
			throw new InvalidScoringConfig(ScorerConfig.TYPE, "scoring config is not valid JSON of the expected shape: "
					+ ex.getOriginalMessage(), ex);
		}
	}

}
