package dev.arbiter.tenancy.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.arbiter.shared.ArbiterSettings;
import dev.arbiter.tenancy.Role;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On the very first start (no organization yet) creates the default organization, which the
 * other modules seed with domains, tiers and starter models, and an owner API key. The key is
 * logged once and written to {@code admin.key} in the data directory (mode 0600); only its hash
 * is stored. Later starts find the organization and do nothing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FirstStart implements ApplicationRunner {

	static final String DEFAULT_ORGANIZATION = "default";

	private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

	private final Organizations organizations;

	private final ApiKeys keys;

	private final ArbiterSettings settings;

	private final TransactionTemplate transaction;

	FirstStart(Organizations organizations, ApiKeys keys, ArbiterSettings settings, TransactionTemplate transaction) {
		this.organizations = organizations;
		this.keys = keys;
		this.settings = settings;
		this.transaction = transaction;
	}

	@Override
	public void run(ApplicationArguments args) {
		transaction.executeWithoutResult(status -> {
			if (organizations.count() > 0) {
				return;
			}
			var org = organizations.create(DEFAULT_ORGANIZATION);
			var secret = ApiKeySecret.generate();
			keys.insert(org.id(), null, "admin (first start)", secret, Role.OWNER, null, null, null);
			var file = writeKeyFile(secret);
			log.warn("""

					================================================================
					 First start: created organization '{}' and its admin API key:

					   {}

					 It is shown only this once and saved to {}
					 Use it as:  Authorization: Bearer <key>
					================================================================""", org.name(), secret.key(), file);
		});
	}

	private java.nio.file.Path writeKeyFile(ApiKeySecret secret) {
		var file = settings.dataDir().toAbsolutePath().resolve("admin.key");
		try {
			Files.createDirectories(file.getParent());
			Files.deleteIfExists(file);
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			Files.writeString(file, secret.key() + System.lineSeparator(), StandardCharsets.UTF_8,
					EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
						.toArray(new StandardOpenOption[0]));
			return file;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot write the admin key to " + file, e);
		}
	}
}
