package dev.arbiter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import liquibase.Liquibase;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every changeset rolls back: update to head, roll everything back, update again, and the schema
 * is the same. Runs once per database ({@link H2MigrationTests}, {@link PostgresMigrationTests}).
 */
abstract class MigrationContract {

	static final String CHANGELOG = "db/changelog/db.changelog-master.yaml";

	abstract Connection connect() throws SQLException;

	@Test
	void everyChangesetRollsBackAndReappliesToTheSameSchema() throws Exception {
		try (var connection = connect()) {
			var jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
			var database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
			var liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), database);

			liquibase.update("");
			var head = schema(jdbc);
			assertThat(head).anyMatch(line -> line.startsWith("models.")).anyMatch(line -> line.startsWith("audit_log."));
			int applied = jdbc.sql("select count(*) from databasechangelog").query(Integer.class).single();

			liquibase.rollback(applied, (String) null);
			assertThat(schema(jdbc)).as("schema after rolling back every changeset").isEmpty();
			assertThat(jdbc.sql("select count(*) from databasechangelog").query(Integer.class).single()).isZero();

			liquibase.update("");
			assertThat(schema(jdbc)).isEqualTo(head);
		}
	}

	/** Tables, views, columns with types and nullability, and named constraints of the public schema, sorted. */
	private static List<String> schema(JdbcClient jdbc) {
		var columns = jdbc.sql("""
				select lower(table_name) || '.' || lower(column_name) || ' ' || lower(data_type) || ' ' || lower(is_nullable)
				from information_schema.columns
				where lower(table_schema) = 'public' and lower(table_name) not like 'databasechangelog%'
				""").query(String.class).list();
		var constraints = jdbc.sql("""
				select lower(table_name) || ' constraint ' || lower(constraint_name) || ' ' || lower(constraint_type)
				from information_schema.table_constraints
				where lower(table_schema) = 'public' and lower(table_name) not like 'databasechangelog%'
				  and lower(constraint_name) not like '%not_null%' and constraint_name not like 'CONSTRAINT_%'
				""").query(String.class).list();
		return java.util.stream.Stream.concat(columns.stream(), constraints.stream()).sorted().toList();
	}
}
