package dev.arbiter.routing.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.shared.Time;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of routes: named routing policies. */
@Repository
class Routes {

	private static final String SELECT = "select id, name, strategy, weights, candidates, constraints, fallbacks, exploration, description,"
			+ " created_at, updated_at, verifier from routes";

	private static final TypeReference<Map<String, Double>> WEIGHTS = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	Routes(JdbcClient jdbc, ObjectMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	List<Route> all(UUID orgId) {
		return jdbc.sql(SELECT + " where org_id = :org order by name").param("org", orgId).query(this::map).list();
	}

	Optional<Route> byId(UUID orgId, UUID id) {
		return jdbc.sql(SELECT + " where org_id = :org and id = :id").param("org", orgId).param("id", id).query(this::map).optional();
	}

	Optional<Route> byName(UUID orgId, String name) {
		return jdbc.sql(SELECT + " where org_id = :org and name = :name").param("org", orgId).param("name", name).query(this::map).optional();
	}

	void save(UUID orgId, Route route, boolean insert) {
		var sql = insert ? """
				insert into routes (id, org_id, name, strategy, weights, candidates, constraints, fallbacks, exploration, description, created_at,
				    updated_at, verifier)
				values (:id, :org, :name, :strategy, :weights, :candidates, :constraints, :fallbacks, :exploration, :description, :now, :now, :verifier)
				""" : """
				update routes set name = :name, strategy = :strategy, weights = :weights, candidates = :candidates,
				    constraints = :constraints, fallbacks = :fallbacks, exploration = :exploration, description = :description, verifier = :verifier, updated_at = :now
				where org_id = :org and id = :id
				""";
		jdbc.sql(sql)
			.param("id", route.id())
			.param("org", orgId)
			.param("name", route.name())
			.param("strategy", route.strategy().wire())
			.param("weights", json.writeValueAsString(route.weights()))
			.param("candidates", json.writeValueAsString(route.candidates()))
			.param("constraints", json.writeValueAsString(route.constraints()))
			.param("fallbacks", json.writeValueAsString(route.fallbacks()))
			.param("exploration", route.exploration())
			.param("description", route.description())
			.param("verifier", route.verifier() == null ? null : json.writeValueAsString(route.verifier()))
			.param("now", Time.now())
			.update();
	}

	void delete(UUID orgId, UUID id) {
		jdbc.sql("delete from routes where org_id = :org and id = :id").param("org", orgId).param("id", id).update();
	}

	private Route map(ResultSet rs, int row) throws SQLException {
		return new Route(rs.getObject("id", UUID.class), rs.getString("name"), Strategy.fromWire(rs.getString("strategy")),
				read(rs.getString("weights"), WEIGHTS, Map.of()), read(rs.getString("candidates"), NAMES, List.of()),
				read(rs.getString("constraints"), Route.Constraints.class, Route.Constraints.NONE),
				read(rs.getString("fallbacks"), NAMES, List.of()), rs.getObject("exploration", Double.class), rs.getString("description"),
				rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				read(rs.getString("verifier"), Route.Verifier.class, null));
	}

	private <T> T read(String text, TypeReference<T> type, T fallback) {
		return text == null || text.equals("null") ? fallback : json.readValue(text, type);
	}

	private <T> T read(String text, Class<T> type, T fallback) {
		return text == null || text.equals("null") ? fallback : json.readValue(text, type);
	}
}
