package dev.arbiter.shared;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the whole server ({@code arbiter.*}; each key has an {@code ARBITER_*} environment
 * equivalent, e.g. {@code ARBITER_DATA_DIR}, {@code ARBITER_DB_URL}).
 *
 * @param dataDir   holds the H2 files, the generated admin key, the secret key and logs
 * @param db        PostgreSQL connection; when the URL is empty an embedded H2 file database is used
 * @param secretKey base64 AES key that encrypts upstream secrets at rest; generated into the data
 *                  directory when empty
 */
@ConfigurationProperties("arbiter")
public record ArbiterSettings(Path dataDir, Db db, String secretKey) {

	public ArbiterSettings {
		dataDir = dataDir == null ? Path.of("data") : dataDir;
		db = db == null ? new Db(null, null, null) : db;
	}

	public record Db(String url, String user, String password) {

		public boolean external() {
			return url != null && !url.isBlank();
		}

		public boolean postgres() {
			return external() && url.startsWith("jdbc:postgresql:");
		}
	}
}
