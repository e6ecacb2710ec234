package dev.arbiter.evaluation.internal.scoring;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code json}: 1 when the output is one JSON value (after stripping a Markdown code fence such
 * as {@code ```json ... ```}), else 0. With {@code schema} (a JSON Schema, as an object or as a
 * string) the value must also validate against it; the dialect is the schema's {@code $schema},
 * else draft 2020-12. Schemas never fetch remote {@code $ref}s. Default threshold 1.
 */
final class JsonScorer implements Scorer {

	private static final ObjectMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final Pattern FENCE = Pattern.compile("```[\\w-]*[ \\t]*\\R?(.*?)```", Pattern.DOTALL);

	private static final int ERRORS_SHOWN = 3;

	private final String name;

	private final Schema schema;

	private final double threshold;

	JsonScorer(ScorerConfig config) {
		this.name = config.name();
		this.schema = config.has("schema") ? compile(config.raw("schema")) : null;
		this.threshold = config.threshold(1.0);
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public Score score(ScoringInput input) {
		String text = unfenced(input.output());
		if (text.isEmpty()) {
			return Score.of(name, 0.0, threshold, "the output is empty");
		}
		JsonNode value;
		try {
			value = JSON.readTree(text);
		}
		catch (JacksonException ex) {
			return Score.of(name, 0.0, threshold, "not valid JSON: " + ex.getOriginalMessage());
		}
		if (value == null || value.isMissingNode()) {
			return Score.of(name, 0.0, threshold, "not valid JSON");
		}
		if (schema == null) {
			return Score.of(name, 1.0, threshold, "valid JSON");
		}
		List<Error> errors = schema.validate(value);
		if (errors.isEmpty()) {
			return Score.of(name, 1.0, threshold, "valid JSON matching the schema");
		}
		List<String> shown = errors.stream().limit(ERRORS_SHOWN).map(Error::toString).toList();
		return Score.of(name, 0.0, threshold,
				errors.size() + " schema violation(s): " + String.join("; ", shown));
	}

	static String unfenced(String output) {
		Matcher fence = FENCE.matcher(output);
		return (fence.find() ? fence.group(1) : output).strip();
	}

	private static Schema compile(Object raw) {
		JsonNode node;
		try {
			if (raw instanceof String s) {
				node = JSON.readTree(s);
			}
			else if (raw instanceof Map<?, ?> || raw instanceof Boolean) {
				node = JSON.valueToTree(raw);
			}
			else {
				throw new InvalidScoringConfig("schema", "must be a JSON Schema object or a string holding one");
			}
		}
		catch (JacksonException ex) {
			throw new InvalidScoringConfig("schema", "is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (node == null || !(node.isObject() || node.isBoolean())) {
			throw new InvalidScoringConfig("schema", "must be a JSON object or boolean");
		}
		try {
			SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
					builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
			Schema schema = registry.getSchema(node);
			schema.initializeValidators();
			return schema;
		}
		catch (SchemaException | IllegalArgumentException ex) {
			throw new InvalidScoringConfig("schema", "is not a usable JSON Schema: " + ex.getMessage(), ex);
		}
	}

}
