package dev.arbiter.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Fresh databases for tests: an H2 file database in a new data directory, or a new PostgreSQL
 * database on the server at {@code ARBITER_TEST_PG_URL} (default 127.0.0.1:5432, user postgres).
 * PostgreSQL tests never skip: if the server is unreachable they fail, saying so.
 */
public final class TestDatabases {

	public static final String PG_ADMIN_URL = env("ARBITER_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");

	public static final String PG_USER = env("ARBITER_TEST_PG_USER", "postgres");

	public static final String PG_PASSWORD = env("ARBITER_TEST_PG_PASSWORD", "");

	private TestDatabases() {
	}

	/** A new, empty data directory, removed (best effort) when the JVM exits. */
	public static Path newDataDir() {
		try {
			var dir = Files.createTempDirectory("arbiter-test-");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
			return dir;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Points the application at a new, empty data directory and so at a new H2 database. */
	public static Path useH2(DynamicPropertyRegistry registry) {
		var dataDir = newDataDir();
		registry.add("arbiter.data-dir", dataDir::toString);
		return dataDir;
	}

	/** Points the application at a new, empty PostgreSQL database (dropped when the JVM exits). */
	public static Path usePostgres(DynamicPropertyRegistry registry) {
		var dataDir = newDataDir();
		var url = createPostgresDatabase();
		registry.add("arbiter.data-dir", dataDir::toString);
		registry.add("arbiter.db.url", () -> url);
		registry.add("arbiter.db.user", () -> PG_USER);
		registry.add("arbiter.db.password", () -> PG_PASSWORD);
		return dataDir;
	}

	/** Creates a database named {@code arbiter_test_<random>} and answers its JDBC URL. */
	public static String createPostgresDatabase() {
		var name = "arbiter_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
		try (Connection admin = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, PG_PASSWORD)) {
			admin.createStatement().execute("create database " + name);
		}
		catch (SQLException e) {
			throw new IllegalStateException("PostgreSQL is required for these tests and is not reachable at " + PG_ADMIN_URL
					+ " (set ARBITER_TEST_PG_URL): " + e.getMessage(), e);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> dropPostgresDatabase(name)));
		var base = PG_ADMIN_URL.substring(0, PG_ADMIN_URL.lastIndexOf('/') + 1);
		var query = PG_ADMIN_URL.contains("?") ? PG_ADMIN_URL.substring(PG_ADMIN_URL.indexOf('?')) : "";
		return base + name + query;
	}

	private static void dropPostgresDatabase(String name) {
		try (Connection admin = DriverManager.getConnection(PG_ADMIN_URL, PG_USER, PG_PASSWORD)) {
			admin.createStatement().execute("drop database if exists " + name + " with (force)");
		}
		catch (SQLException e) {
			// The JVM is exiting; a leftover test database is harmless and named for what it is.
		}
	}

	private static void deleteQuietly(Path dir) {
		try (var paths = Files.walk(dir)) {
			paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException | UncheckedIOException e) {
			// a leftover temporary directory is harmless
		}
	}

	private static String env(String name, String fallback) {
		var value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
