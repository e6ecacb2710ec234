package dev.arbiter.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One connection pool: PostgreSQL when {@code arbiter.db.url} is set, otherwise an H2 file
 * database in PostgreSQL mode under the data directory.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

	@Bean
	DataSource dataSource(ArbiterSettings settings) {
		var config = new HikariConfig();
		config.setPoolName("arbiter");
		config.setMaximumPoolSize(16);
		// Connections beyond a few are opened under load and closed again when idle.
		config.setMinimumIdle(2);
		config.setIdleTimeout(30_000);
		var db = settings.db();
		if (db.external()) {
			config.setJdbcUrl(db.url());
			config.setUsername(blankToNull(db.user()));
			config.setPassword(blankToNull(db.password()));
			if (db.postgres()) {
				// JSON columns are jsonb on PostgreSQL; let the server infer the type of string parameters.
				config.addDataSourceProperty("stringtype", "unspecified");
				config.addDataSourceProperty("reWriteBatchedInserts", "true");
			}
		}
		else {
			try {
				Files.createDirectories(settings.dataDir());
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot create the data directory " + settings.dataDir().toAbsolutePath(), e);
			}
			var file = settings.dataDir().toAbsolutePath().resolve("arbiter");
			config.setJdbcUrl("jdbc:h2:file:" + file
					+ ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0;LOCK_TIMEOUT=10000");
			config.setUsername("sa");
			config.setPassword("");
		}
		return new HikariDataSource(config);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
