package dev.arbiter.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * Where a client command finds the server and its key: {@code --server} (default
 * {@code ARBITER_SERVER} or http://127.0.0.1:8080) and {@code --api-key} (default
 * {@code ARBITER_API_KEY}, else the {@code admin.key} in {@code ARBITER_DATA_DIR} or ./data).
 * Mix it into a command with {@code @Mixin ServerOptions server;}.
 */
public class ServerOptions {

	@Option(names = "--server", paramLabel = "URL", description = "Arbiter server (default: ARBITER_SERVER or http://127.0.0.1:8080)")
	String server;

	@Option(names = "--api-key", paramLabel = "KEY", description = "API key (default: ARBITER_API_KEY, else <data dir>/admin.key)")
	String apiKey;

	public String baseUrl() {
		var url = server != null ? server : env("ARBITER_SERVER", "http://127.0.0.1:8080");
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	public String apiKey() {
		if (apiKey != null) {
			return apiKey;
		}
		var fromEnv = System.getenv("ARBITER_API_KEY");
		if (fromEnv != null && !fromEnv.isBlank()) {
			return fromEnv.trim();
		}
		var file = Path.of(env("ARBITER_DATA_DIR", "data")).resolve("admin.key");
		try {
			return Files.readString(file).trim();
		}
		catch (IOException e) {
			throw new CliFailure("No API key: pass --api-key, set ARBITER_API_KEY, or run where " + file + " exists");
		}
	}

	public ArbiterClient client() {
		return new ArbiterClient(baseUrl(), apiKey());
	}

	private static String env(String name, String fallback) {
		var value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}
}
