package dev.arbiter.bench;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.postgresql.PGConnection;
import tools.jackson.databind.json.JsonMapper;

import dev.arbiter.support.TestDatabases;

/**
 * Ingestion over HTTP into PostgreSQL with 1,000-event batches from several clients, against a
 * raw {@code COPY} of the same rows into the same table in the same run. Prints events/s, the
 * ratio, the server's CPU time per event and request latency percentiles.
 * Run: {@code bench/run.sh IngestBenchmark [events] [clients]}.
 */
public final class IngestBenchmark {

	static final String[] MODELS = { "Qwen2.5-1.5B-Instruct", "Qwen2.5-3B-Instruct", "DeepSeek-R1-Distill-Qwen-1.5B",
			"TinyLlama-1.1B-Chat-v1.0", "deepseek-math-7b-instruct", "gpt-sim-large", "gpt-sim-small", "claude-sim" };

	static final String[] DOMAINS = { "math", "logic", "general-knowledge", "summarization", "instruction-following",
			"classification", "code", "safety", "open-qa", "stress" };

	public static void main(String[] args) throws Exception {
		int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
		int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
		int batchSize = 1000;
		var json = JsonMapper.builder().build();
		var random = new Random(7);
		var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		List<List<Map<String, Object>>> batches = new ArrayList<>();
		for (int b = 0; b < events / batchSize; b++) {
			var batch = new ArrayList<Map<String, Object>>(batchSize);
			for (int i = 0; i < batchSize; i++) {
				batch.add(event(random, now.minusMillis(random.nextInt(3_600_000))));
			}
			batches.add(batch);
		}
		var bodies = batches.stream().map(json::writeValueAsBytes).toList();
		int warmup = Math.min(30, bodies.size() / 5);

		try (var server = BenchServer.start()) {
			var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			send(http, server, bodies.subList(0, warmup), clients);
			var measured = bodies.subList(warmup, bodies.size());
			long cpuBefore = server.cpuMillis();
			long start = System.nanoTime();
			var latencies = send(http, server, measured, clients);
			double seconds = (System.nanoTime() - start) / 1e9;
			long cpu = server.cpuMillis() - cpuBefore;
			int measuredEvents = measured.size() * batchSize;
			double httpRate = measuredEvents / seconds;

			// The same rows, raw COPY into the same table (another organization id), from an in-memory CSV.
			var csv = new StringBuilder();
			var org = UUID.randomUUID();
			for (var batch : batches.subList(warmup, batches.size())) {
				for (var e : batch) {
					csv.append(org).append(',').append(e.get("eventId")).append(',').append(e.get("timestamp")).append(',')
						.append(now).append(',').append(e.get("model")).append(',').append(e.get("domain")).append(",api,")
						.append(e.get("latencyMs")).append(',').append(e.get("tokensIn")).append(',').append(e.get("tokensOut"))
						.append(',').append(e.get("success")).append('\n');
				}
			}
			long copyStart = System.nanoTime();
			try (var connection = DriverManager.getConnection(server.dbUrl, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)) {
				connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy metric_events (org_id, event_id, occurred_at,"
						+ " received_at, model, domain, source, latency_ms, tokens_in, tokens_out, success) from stdin (format csv)",
						new StringReader(csv.toString()));
			}
			double copySeconds = (System.nanoTime() - copyStart) / 1e9;
			double copyRate = measuredEvents / copySeconds;

			long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
			var out = new LinkedHashMap<String, Object>();
			out.put("events", measuredEvents);
			out.put("batchSize", batchSize);
			out.put("clients", clients);
			out.put("httpEventsPerSecond", Math.round(httpRate));
			out.put("copyRowsPerSecond", Math.round(copyRate));
			out.put("httpToCopyRatio", String.format("%.2f", httpRate / copyRate));
			out.put("serverCpuMicrosPerEvent", String.format("%.1f", cpu * 1000.0 / measuredEvents));
			out.put("requestP50Ms", sorted[sorted.length / 2] / 1_000_000.0);
			out.put("requestP99Ms", sorted[(int) (sorted.length * 0.99)] / 1_000_000.0);
			System.out.println("IngestBenchmark " + out);
		}
	}

	static Map<String, Object> event(Random random, Instant at) {
		var e = new LinkedHashMap<String, Object>();
		e.put("eventId", UUID.randomUUID().toString());
		e.put("timestamp", at.toString());
		e.put("model", MODELS[random.nextInt(MODELS.length)]);
		e.put("domain", DOMAINS[random.nextInt(DOMAINS.length)]);
		e.put("latencyMs", Math.round(Math.exp(6 + 0.6 * random.nextGaussian()) * 100) / 100.0);
		e.put("tokensIn", 50 + random.nextInt(500));
		e.put("tokensOut", 20 + random.nextInt(300));
		e.put("success", random.nextDouble() > 0.03);
		return e;
	}

	static List<Long> send(HttpClient http, BenchServer server, List<byte[]> bodies, int clients) throws Exception {
		var next = new AtomicInteger();
		var latencies = java.util.Collections.synchronizedList(new ArrayList<Long>());
		var pool = Executors.newFixedThreadPool(clients);
		for (int c = 0; c < clients; c++) {
			pool.submit(() -> {
				int i;
				while ((i = next.getAndIncrement()) < bodies.size()) {
					var request = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/events"))
						.header("Authorization", "Bearer " + server.key)
						.header("Content-Type", "application/json")
						.timeout(Duration.ofSeconds(60))
						.POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i)))
						.build();
					long t = System.nanoTime();
					var response = http.send(request, HttpResponse.BodyHandlers.ofString());
					latencies.add(System.nanoTime() - t);
					if (response.statusCode() != 200) {
						throw new IllegalStateException("Ingestion answered " + response.statusCode() + ": " + response.body());
					}
				}
				return null;
			});
		}
		pool.shutdown();
		if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
			throw new IllegalStateException("Ingestion did not finish in 30 minutes");
		}
		if (latencies.size() != bodies.size()) {
			throw new IllegalStateException("Only " + latencies.size() + " of " + bodies.size() + " requests succeeded");
		}
		return latencies;
	}

	private IngestBenchmark() {
	}
}
