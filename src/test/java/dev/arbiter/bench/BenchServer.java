package dev.arbiter.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.arbiter.support.TestDatabases;

/**
 * The server under measurement: {@code target/arbiter.jar serve} in its own process, on a fresh
 * PostgreSQL database, so the load generator does not share its heap. {@code BENCH_SERVER_JAVA_HOME}
 * runs the server on another JDK (e.g. 25, where it uses virtual threads).
 */
final class BenchServer implements AutoCloseable {

	final String dbUrl;

	final Path dataDir;

	final int port;

	final String key;

	private final Process process;

	private BenchServer(String dbUrl, Path dataDir, int port, Process process, String key) {
		this.dbUrl = dbUrl;
		this.dataDir = dataDir;
		this.port = port;
		this.process = process;
		this.key = key;
	}

	static BenchServer start(String... extraArgs) throws Exception {
		var dbUrl = TestDatabases.createPostgresDatabase();
		var dataDir = TestDatabases.newDataDir();
		int port;
		try (var socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		var javaHome = System.getenv("BENCH_SERVER_JAVA_HOME");
		var javaBinary = javaHome == null || javaHome.isBlank() ? "java" : javaHome + "/bin/java";
		var command = new java.util.ArrayList<>(java.util.List.of(javaBinary, "-Xmx1g", "-jar", "target/arbiter.jar", "serve", "--port",
				String.valueOf(port), "--data-dir", dataDir.toString()));
		command.addAll(java.util.List.of(extraArgs));
		var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(dataDir.toFile(), "server.out"));
		builder.environment().put("ARBITER_DB_URL", dbUrl);
		builder.environment().put("ARBITER_DB_USER", TestDatabases.PG_USER);
		var process = builder.start();
		var http = HttpClient.newHttpClient();
		var deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		while (true) {
			try {
				var health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
						HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200 && Files.exists(dataDir.resolve("admin.key"))) {
					break;
				}
			}
			catch (IOException e) {
				// not up yet
			}
			if (System.nanoTime() > deadline || !process.isAlive()) {
				process.destroy();
				throw new IllegalStateException("The server did not start; see " + dataDir.resolve("server.out"));
			}
			Thread.sleep(250);
		}
		Thread.sleep(500);
		return new BenchServer(dbUrl, dataDir, port, process, Files.readString(dataDir.resolve("admin.key")).trim());
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	long pid() {
		return process.pid();
	}

	/** CPU time the server process has used so far, in milliseconds. */
	long cpuMillis() {
		return process.toHandle().info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
	}

	@Override
	public void close() {
		process.destroy();
		try {
			process.waitFor();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
