package dev.arbiter.evaluation.internal.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scorer's configuration, e.g. {@code {"type":"numeric","tolerance":0.01,"threshold":1.0}}.
 *
 * <p>Typed getters check each value and remember which keys were read, so that
 * {@link Scorers#create} can reject a key no scorer understood (a typo such as {@code tolerence}
 * would otherwise be silently ignored).
 */
public final class ScorerConfig {

	static final String TYPE = "type";

	static final String NAME = "name";

	static final String THRESHOLD = "threshold";

	private final Map<String, Object> values;

	private final Set<String> read = new LinkedHashSet<>();

	private ScorerConfig(Map<String, Object> values) {
		this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
		this.read.add(TYPE);
		this.read.add(NAME);
	}

	static ScorerConfig of(Map<String, ?> values) {
		if (values == null) {
			throw new InvalidScoringConfig(TYPE, "no scoring config given");
		}
		Map<String, Object> copy = new LinkedHashMap<>();
		values.forEach(copy::put);
		return new ScorerConfig(copy);
	}

	public String type() {
		Object type = values.get(TYPE);
		if (!(type instanceof String s) || s.isBlank()) {
			throw new InvalidScoringConfig(TYPE, "must be a non-empty string, was " + describe(type));
		}
		return s.trim();
	}

	/** The name the scores carry: the {@code name} key if given, else the type. */
	public String name() {
		Object name = values.get(NAME);
		if (name == null) {
			return type();
		}
		if (!(name instanceof String s) || s.isBlank()) {
			throw new InvalidScoringConfig(NAME, "must be a non-empty string, was " + describe(name));
		}
		return s.trim();
	}

	public boolean has(String key) {
		return values.get(key) != null;
	}

	public Object raw(String key) {
		read.add(key);
		return values.get(key);
	}

	public String string(String key, String defaultValue) {
		Object value = raw(key);
		if (value == null) {
			return defaultValue;
		}
		if (value instanceof String s) {
			return s;
		}
		throw new InvalidScoringConfig(key, "must be a string, was " + describe(value));
	}

	/** A string that must be one of {@code allowed}. */
	public String choice(String key, String defaultValue, List<String> allowed) {
		String value = string(key, defaultValue);
		if (!allowed.contains(value)) {
			throw new InvalidScoringConfig(key, "must be one of " + allowed + ", was '" + value + "'");
		}
		return value;
	}

	public boolean bool(String key, boolean defaultValue) {
		Object value = raw(key);
		if (value == null) {
			return defaultValue;
		}
		if (value instanceof Boolean b) {
			return b;
		}
		throw new InvalidScoringConfig(key, "must be true or false, was " + describe(value));
	}

	public double number(String key, double defaultValue, double min, double max) {
		Object value = raw(key);
		if (value == null) {
			return defaultValue;
		}
		if (!(value instanceof Number n)) {
			throw new InvalidScoringConfig(key, "must be a number, was " + describe(value));
		}
		double d = n.doubleValue();
		if (!Double.isFinite(d) || d < min || d > max) {
			throw new InvalidScoringConfig(key, "must be between " + min + " and " + max + ", was " + d);
		}
		return d;
	}

	public int integer(String key, int defaultValue, int min, int max) {
		Object value = raw(key);
		if (value == null) {
			return defaultValue;
		}
		if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
			throw new InvalidScoringConfig(key, "must be a whole number, was " + describe(value));
		}
		long l = n.longValue();
		if (l < min || l > max) {
			throw new InvalidScoringConfig(key, "must be between " + min + " and " + max + ", was " + l);
		}
		return (int) l;
	}

	/** The pass mark: {@code threshold} if given (within the scorer's range), else the default. */
	public double threshold(double defaultValue, double min, double max) {
		return number(THRESHOLD, defaultValue, min, max);
	}

	public double threshold(double defaultValue) {
		return threshold(defaultValue, 0.0, 1.0);
	}

	void rejectUnknownKeys() {
		for (var entry : values.entrySet()) {
			String key = entry.getKey();
			if (entry.getValue() != null && !read.contains(key)) {
				throw new InvalidScoringConfig(key, "is not a setting of scorer type '" + type() + "'");
			}
		}
	}

	@Override
	public String toString() {
		return values.toString();
	}

	private static String describe(Object value) {
		if (value == null) {
			return "missing";
		}
		return value instanceof String ? "'" + value + "'" : value + " (" + value.getClass().getSimpleName() + ")";
	}

}
