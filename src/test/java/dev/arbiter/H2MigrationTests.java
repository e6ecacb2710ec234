package dev.arbiter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Migrations on H2 in PostgreSQL mode, with the same settings the server uses. */
class H2MigrationTests extends MigrationContract {

	@Override
	Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:h2:mem:migrations-" + System.nanoTime()
				+ ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
	}
}
