package dev.arbiter.registry;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.registry.internal.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What other modules may ask the registry: models by name or id, the price in force at a given
 * time (cached briefly, so cost can be computed per call without a query), and the upstreams
 * (active assignments of active agents, with the agent's decrypted key) that can serve a model.
 */
@Component
public class ModelCatalog {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final String MODEL = """
			select id, name, status, tier, context_window, capabilities, is_reference from models
			""";

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final SecretBox secrets;

	private final LoadingCache<ModelKey, List<PricePeriod>> prices;

	ModelCatalog(JdbcClient jdbc, ObjectMapper json, SecretBox secrets) {
		this.jdbc = jdbc;
		this.json = json;
		this.secrets = secrets;
		this.prices = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterWrite(Duration.ofSeconds(5))
			.build(this::loadPrices);
	}

	public Optional<ModelInfo> byName(UUID orgId, String name) {
		return jdbc.sql(MODEL + " where org_id = :org and name = :name").param("org", orgId).param("name", name).query(this::model).optional();
	}

	public Optional<ModelInfo> byId(UUID orgId, UUID id) {
		return jdbc.sql(MODEL + " where org_id = :org and id = :id").param("org", orgId).param("id", id).query(this::model).optional();
	}

	public List<ModelInfo> all(UUID orgId) {
		return jdbc.sql(MODEL + " where org_id = :org order by name").param("org", orgId).query(this::model).list();
	}

	/** The price of the named model in force at {@code at}, if the model is registered and priced then. */
	public Optional<Price> priceAt(UUID orgId, String modelName, OffsetDateTime at) {
		for (var period : prices.get(new ModelKey(orgId, modelName))) {
			if (!period.from().isAfter(at) && (period.to() == null || period.to().isAfter(at))) {
				return Optional.of(period.price());
			}
		}
		return Optional.empty();
	}

	/** Active assignments of active agents for active or experimental models, best match first. */
	public List<Upstream> upstreams(UUID orgId) {
		return jdbc.sql(UPSTREAM + " where a.org_id = :org and a.status = 'ACTIVE' and g.status = 'active'"
				+ " and m.status in ('active', 'experimental') order by m.name, a.match_score desc, g.name")
			.param("org", orgId)
			.query(this::upstream)
			.list();
	}

	public Optional<Upstream> upstream(UUID orgId, UUID assignmentId) {
		return jdbc.sql(UPSTREAM + " where a.org_id = :org and a.id = :id")
			.param("org", orgId)
			.param("id", assignmentId)
			.query(this::upstream)
			.optional();
	}

	private static final String UPSTREAM = """
			select a.id, a.agent_id, g.name as agent, g.base_url, g.api_type, g.api_key_encrypted, g.max_concurrency,
			       a.model_id, m.name as model, a.upstream_model, a.match_score, a.weight, a.status
			from assignments a join agents g on g.id = a.agent_id join models m on m.id = a.model_id
			""";

	private List<PricePeriod> loadPrices(ModelKey key) {
		return jdbc.sql("""
				select p.input_per_million, p.output_per_million, p.effective_from, p.effective_to
				from model_prices p join models m on m.id = p.model_id
				where m.org_id = :org and m.name = :name order by p.effective_from desc
				""")
			.param("org", key.orgId())
			.param("name", key.name())
			.query((rs, row) -> new PricePeriod(new Price(rs.getBigDecimal(1), rs.getBigDecimal(2)),
					rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class)))
			.list();
	}

	private ModelInfo model(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		var capabilities = rs.getString("capabilities");
		return new ModelInfo(rs.getObject("id", UUID.class), rs.getString("name"), ModelStatus.fromWire(rs.getString("status")),
				rs.getString("tier"), rs.getObject("context_window", Integer.class),
				capabilities == null ? List.of() : json.readValue(capabilities, STRINGS), rs.getBoolean("is_reference"));
	}

	private Upstream upstream(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		var encrypted = rs.getString("api_key_encrypted");
		return new Upstream(rs.getObject("id", UUID.class), rs.getObject("agent_id", UUID.class), rs.getString("agent"),
				rs.getString("base_url"), rs.getString("api_type"), encrypted == null ? null : secrets.decrypt(encrypted),
				rs.getObject("max_concurrency", Integer.class), rs.getObject("model_id", UUID.class), rs.getString("model"),
				rs.getString("upstream_model"), rs.getInt("match_score"), rs.getBigDecimal("weight"), rs.getString("status"));
	}

	private record ModelKey(UUID orgId, String name) {
	}

	private record PricePeriod(Price price, OffsetDateTime from, OffsetDateTime to) {
	}

	public record ModelInfo(UUID id, String name, ModelStatus status, String tier, Integer contextWindow,
			List<String> capabilities, boolean reference) {
	}

	/** USD per million tokens. */
	public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {

		private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

		/** The cost in USD of a call with these token counts. */
		public BigDecimal cost(long tokensIn, long tokensOut) {
			return inputPerMillion.multiply(BigDecimal.valueOf(tokensIn))
				.add(outputPerMillion.multiply(BigDecimal.valueOf(tokensOut)))
				.divide(MILLION, 10, java.math.RoundingMode.HALF_UP);
		}
	}

	/**
	 * One way to call a model: an agent (inference host) serving it under {@code upstreamModel}.
	 * {@code apiKey} is the agent's decrypted key, for the inference clients only; never log it.
	 */
	public record Upstream(UUID assignmentId, UUID agentId, String agent, String baseUrl, String apiType, String apiKey,
			Integer maxConcurrency, UUID modelId, String model, String upstreamModel, int matchScore, BigDecimal weight,
			String status) {

		@Override
		public String toString() {
			return "Upstream[" + agent + " -> " + model + " as " + upstreamModel + " at " + baseUrl + "]";
		}
	}
}
