package dev.arbiter.benchmark.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.ObjectMapper;

import dev.arbiter.shared.Time;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The writes of suite items (reads are in {@link dev.arbiter.benchmark.SuiteCatalog}); many at once as a JDBC batch. */
@Repository
class SuiteItems {

	private static final String INSERT = """
			insert into suite_items (id, org_id, suite_id, position, prompt, messages, expected, difficulty, tags, metadata,
			                         prompt_sha256, created_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final ObjectMapper json;

	SuiteItems(JdbcClient jdbc, JdbcTemplate batch, ObjectMapper json) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.json = json;
	}

	/** An item ready to store: its id, place and hash decided. */
	record Row(UUID id, int position, String sha256, NewItem item) {
	}

	/** The highest position in the suite, 0 when it is empty. */
	int lastPosition(UUID suiteId) {
		return jdbc.sql("select coalesce(max(position), 0) from suite_items where suite_id = :suite")
			.param("suite", suiteId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Which of {@code hashes} the suite holds already. The query selects by hash alone (the
	 * leading column of the unique index) and the suite is checked here: with a condition on the
	 * suite, both databases may walk all of the suite's rows instead, because the statistics of a
	 * table that is being filled in the same transaction still call it small.
	 */
	Set<String> existingHashes(UUID suiteId, Collection<String> hashes) {
		if (hashes.isEmpty()) {
			return Set.of();
		}
		var found = new HashSet<String>();
		jdbc.sql("select suite_id, prompt_sha256 from suite_items where prompt_sha256 in (:hashes)")
			.param("hashes", hashes)
			.query((rs, row) -> {
				if (suiteId.equals(rs.getObject("suite_id", UUID.class))) {
					found.add(rs.getString("prompt_sha256"));
				}
				return null;
			})
			.list();
		return found;
	}

	void insert(UUID orgId, UUID suiteId, List<Row> rows) {
		var now = Time.now();
		batch.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				var row = rows.get(i);
				var item = row.item();
				ps.setObject(1, row.id());
				ps.setObject(2, orgId);
				ps.setObject(3, suiteId);
				ps.setInt(4, row.position());
				ps.setString(5, item.prompt());
				ps.setString(6, item.messages() == null ? null : json.writeValueAsString(item.messages()));
				ps.setString(7, json.writeValueAsString(item.expected()));
				if (item.difficulty() == null) {
					ps.setNull(8, Types.INTEGER);
				}
				else {
					ps.setInt(8, item.difficulty());
				}
				ps.setString(9, json.writeValueAsString(item.tags()));
				ps.setString(10, json.writeValueAsString(item.metadata()));
				ps.setString(11, row.sha256());
				ps.setObject(12, now);
			}

			@Override
			public int getBatchSize() {
				return rows.size();
			}
		});
	}

	void delete(UUID orgId, UUID suiteId, UUID itemId) {
		jdbc.sql("delete from suite_items where org_id = :org and suite_id = :suite and id = :id")
			.param("org", orgId)
			.param("suite", suiteId)
			.param("id", itemId)
			.update();
	}
}
