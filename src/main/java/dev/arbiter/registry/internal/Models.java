package dev.arbiter.registry.internal;

import dev.arbiter.shared.Time;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.registry.ModelStatus;
import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of models and of their price and parameter histories. */
@Repository
class Models {

	private static final String SELECT = """
			select m.id, m.name, m.provider_id, p.name as provider, m.display_name, m.description, m.tier, m.context_window,
			       m.capabilities, m.min_gpu_memory_gb, m.status, m.version, m.parent_model_id, m.is_reference, m.tags, m.created_at,
			       m.updated_at,
			       cp.id as price_id, cp.input_per_million, cp.output_per_million, cp.effective_from as price_from,
			       cp.effective_to as price_to,
			       (select mp.params from model_params mp where mp.model_id = m.id and mp.effective_from <= current_timestamp
			          and (mp.effective_to is null or mp.effective_to > current_timestamp)) as params
			from models m
			left join providers p on p.id = m.provider_id
			left join current_model_prices cp on cp.model_id = m.id
			""";

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	Models(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	Optional<Model> byId(UUID orgId, UUID id) {
		return jdbc.sql(SELECT + " where m.org_id = :org and m.id = :id").param("org", orgId).param("id", id).query(this::map).optional();
	}

	Optional<Model> byName(UUID orgId, String name) {
		return jdbc.sql(SELECT + " where m.org_id = :org and m.name = :name")
			.param("org", orgId)
			.param("name", name)
			.query(this::map)
			.optional();
	}

	/** Every model of the organization, by name. */
	List<Model> allOf(UUID orgId) {
		return jdbc.sql(SELECT + " where m.org_id = :org order by m.name, m.id").param("org", orgId).query(this::map).list();
	}

	Page<Model> page(UUID orgId, ModelStatus status, String tier, PageRequest request) {
		var where = " where m.org_id = :org and (cast(:status as varchar) is null or m.status = :status)"
				+ " and (cast(:tier as varchar) is null or m.tier = :tier)";
		var status_ = status == null ? null : status.wire();
		var items = jdbc.sql(SELECT + where + " order by m.name limit :limit offset :offset")
			.param("org", orgId)
			.param("status", status_)
			.param("tier", tier)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(this::map)
			.list();
		long total = jdbc.sql("select count(*) from models m" + where)
			.param("org", orgId)
			.param("status", status_)
			.param("tier", tier)
			.query(Long.class)
			.single();
		return request.of(items, total);
	}

	void insert(UUID orgId, UUID id, ModelFields fields) {
		var now = Time.now();
		jdbc.sql("""
				insert into models (id, org_id, name, provider_id, display_name, description, tier, context_window, capabilities,
				                    min_gpu_memory_gb, status, version, parent_model_id, is_reference, tags, created_at, updated_at)
				values (:id, :org, :name, :provider, :display, :description, :tier, :context, :capabilities,
				        :minGpu, :status, :version, :parent, :reference, :tags, :now, :now)
				""")
			.param("id", id)
			.param("org", orgId)
			.params(fields.parameters(json))
			.param("now", now)
			.update();
	}

	void update(UUID orgId, UUID id, ModelFields fields) {
		jdbc.sql("""
				update models set name = :name, provider_id = :provider, display_name = :display, description = :description,
				       tier = :tier, context_window = :context, capabilities = :capabilities, min_gpu_memory_gb = :minGpu,
				       status = :status, version = :version, parent_model_id = :parent, is_reference = :reference, tags = :tags,
				       updated_at = :now
				where org_id = :org and id = :id
				""")
			.params(fields.parameters(json))
			.param("org", orgId)
			.param("id", id)
			.param("now", Time.now())
			.update();
	}

	void delete(UUID orgId, UUID id) {
		jdbc.sql("delete from models where org_id = :org and id = :id").param("org", orgId).param("id", id).update();
	}

	boolean anyWithProvider(UUID orgId, UUID providerId) {
		return jdbc.sql("select count(*) from models where org_id = :org and provider_id = :provider")
			.param("org", orgId)
			.param("provider", providerId)
			.query(Long.class)
			.single() > 0;
	}

	// Price history

	Optional<Model.Price> latestPrice(UUID modelId) {
		return jdbc.sql("""
				select id, input_per_million, output_per_million, effective_from, effective_to from model_prices
				where model_id = :model order by effective_from desc limit 1
				""").param("model", modelId).query(Models::mapPrice).optional();
	}

	/** Closes the open price (if any) at {@code from} and opens the new one. */
	Model.Price addPrice(UUID orgId, UUID modelId, BigDecimal input, BigDecimal output, OffsetDateTime from) {
		jdbc.sql("update model_prices set effective_to = :from where model_id = :model and effective_to is null")
			.param("from", from)
			.param("model", modelId)
			.update();
		var price = new Model.Price(UUID.randomUUID(), input, output, from, null);
		jdbc.sql("""
				insert into model_prices (id, org_id, model_id, input_per_million, output_per_million, effective_from, created_at)
				values (:id, :org, :model, :input, :output, :from, :now)
				""")
			.param("id", price.id())
			.param("org", orgId)
			.param("model", modelId)
			.param("input", input)
			.param("output", output)
			.param("from", from)
			.param("now", Time.now())
			.update();
		return price;
	}

	Page<Model.Price> prices(UUID modelId, PageRequest request) {
		var items = jdbc.sql("""
				select id, input_per_million, output_per_million, effective_from, effective_to from model_prices
				where model_id = :model order by effective_from desc limit :limit offset :offset
				""")
			.param("model", modelId)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query(Models::mapPrice)
			.list();
		long total = jdbc.sql("select count(*) from model_prices where model_id = :model").param("model", modelId).query(Long.class).single();
		return request.of(items, total);
	}

	// Generation-parameter history

	Optional<OffsetDateTime> latestParamsFrom(UUID modelId) {
		return jdbc.sql("select max(effective_from) from model_params where model_id = :model")
			.param("model", modelId)
			.query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
			.optional()
			.filter(java.util.Objects::nonNull);
	}

	Model.Params addParams(UUID orgId, UUID modelId, Map<String, Object> params, OffsetDateTime from) {
		jdbc.sql("update model_params set effective_to = :from where model_id = :model and effective_to is null")
			.param("from", from)
			.param("model", modelId)
			.update();
		var entry = new Model.Params(UUID.randomUUID(), params, from, null);
		jdbc.sql("""
				insert into model_params (id, org_id, model_id, params, effective_from, created_at)
				values (:id, :org, :model, :params, :from, :now)
				""")
			.param("id", entry.id())
			.param("org", orgId)
			.param("model", modelId)
			.param("params", json.writeValueAsString(params))
			.param("from", from)
			.param("now", Time.now())
			.update();
		return entry;
	}

	Page<Model.Params> params(UUID modelId, PageRequest request) {
		var items = jdbc.sql("""
				select id, params, effective_from, effective_to from model_params
				where model_id = :model order by effective_from desc limit :limit offset :offset
				""")
			.param("model", modelId)
			.param("limit", request.limit())
			.param("offset", request.offset())
			.query((rs, row) -> new Model.Params(rs.getObject("id", UUID.class), readObject(rs.getString("params")),
					rs.getObject("effective_from", OffsetDateTime.class), rs.getObject("effective_to", OffsetDateTime.class)))
			.list();
		long total = jdbc.sql("select count(*) from model_params where model_id = :model").param("model", modelId).query(Long.class).single();
		return request.of(items, total);
	}

	private Model map(ResultSet rs, int row) throws SQLException {
		var priceId = rs.getObject("price_id", UUID.class);
		var price = priceId == null ? null
				: new Model.Price(priceId, rs.getBigDecimal("input_per_million"), rs.getBigDecimal("output_per_million"),
						rs.getObject("price_from", OffsetDateTime.class), rs.getObject("price_to", OffsetDateTime.class));
		return new Model(rs.getObject("id", UUID.class), rs.getString("name"), rs.getObject("provider_id", UUID.class),
				rs.getString("provider"), rs.getString("display_name"), rs.getString("description"), rs.getString("tier"),
				rs.getObject("context_window", Integer.class), readList(rs.getString("capabilities")),
				rs.getBigDecimal("min_gpu_memory_gb"), ModelStatus.fromWire(rs.getString("status")), rs.getString("version"),
				rs.getObject("parent_model_id", UUID.class), rs.getBoolean("is_reference"), readObject(rs.getString("params")),
				readList(rs.getString("tags")), price, rs.getObject("created_at", OffsetDateTime.class),
				rs.getObject("updated_at", OffsetDateTime.class));
	}

	private static Model.Price mapPrice(ResultSet rs, int row) throws SQLException {
		return new Model.Price(rs.getObject("id", UUID.class), rs.getBigDecimal("input_per_million"),
				rs.getBigDecimal("output_per_million"), rs.getObject("effective_from", OffsetDateTime.class),
				rs.getObject("effective_to", OffsetDateTime.class));
	}

	private List<String> readList(String text) {
		return text == null ? List.of() : json.readValue(text, STRINGS);
	}

	private Map<String, Object> readObject(String text) {
		return text == null ? Map.of() : json.readValue(text, OBJECT);
	}
}
