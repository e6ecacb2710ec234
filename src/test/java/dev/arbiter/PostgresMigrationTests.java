package dev.arbiter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import dev.arbiter.support.TestDatabases;

/** Migrations on a fresh PostgreSQL database, including the PostgreSQL-only changesets. */
class PostgresMigrationTests extends MigrationContract {

	@Override
	Connection connect() throws SQLException {
		return DriverManager.getConnection(TestDatabases.createPostgresDatabase(), TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
	}
}
