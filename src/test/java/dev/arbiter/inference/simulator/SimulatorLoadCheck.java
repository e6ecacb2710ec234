package dev.arbiter.inference.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import dev.arbiter.inference.simulator.SimulatorConfig.Model;

/**
 * Throughput of the simulator under a closed-loop load on 127.0.0.1 (a benchmark, not a test; the
 * load generator shares the JVM and the cores, and the CPU each side used is printed):
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) \
 *     dev.arbiter.inference.simulator.SimulatorLoadCheck [concurrency=64] [latencyMs=100] [requests=3200] [stream=false]
 * </pre>
 * The ideal is {@code concurrency * 1000 / latencyMs} requests per second.
 */
public final class SimulatorLoadCheck {

	public static void main(String[] args) throws Exception {
		int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 64;
		int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 100;
		int requests = args.length > 2 ? Integer.parseInt(args[2]) : 3200;
		boolean stream = args.length > 3 && Boolean.parseBoolean(args[3]);
		var model = Model.named("sim").withLatency(latencyMs, latencyMs).withTtftMs(latencyMs / 5).withOutputTokens(120);
		try (var simulator = Simulator.start(SimulatorConfig.of(1, model), 0)) {
			var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			URI uri = URI.create(simulator.baseUri() + "/chat/completions");
			run(client, uri, concurrency, Math.min(requests, concurrency * 4), stream); // warm-up
			long start = System.nanoTime();
			int failures = run(client, uri, concurrency, requests, stream);
			double seconds = (System.nanoTime() - start) / 1e9;
			double rate = requests / seconds;
			double ideal = concurrency * 1000.0 / latencyMs;
			printCpuByThreadGroup();
			System.out.printf("concurrency %d, latency %d ms, stream %s: %d requests in %.2f s = %.0f req/s (ideal %.0f, %.1f%%), %d failures%n",
					concurrency, latencyMs, stream, requests, seconds, rate, ideal, 100 * rate / ideal, failures);
		}
	}

	/** CPU seconds spent by the simulator's threads versus the load generator's (same JVM). */
	private static void printCpuByThreadGroup() {
		var threads = java.lang.management.ManagementFactory.getThreadMXBean();
		var cpu = new java.util.TreeMap<String, Double>();
		for (long id : threads.getAllThreadIds()) {
			var info = threads.getThreadInfo(id);
			long nanos = threads.getThreadCpuTime(id);
			if (info == null || nanos < 0) {
				continue;
			}
			String name = info.getThreadName();
			String group = name.startsWith("arbiter-sim") || name.startsWith("HTTP-Dispatcher") ? "simulator"
					: name.startsWith("HttpClient") ? "load client" : "other";
			cpu.merge(group, nanos / 1e9, Double::sum);
		}
		cpu.forEach((group, seconds) -> System.out.printf("  cpu %-12s %.2f s%n", group, seconds));
	}

	private static int run(HttpClient client, URI uri, int concurrency, int requests, boolean stream) throws Exception {
		var permits = new Semaphore(concurrency);
		var failures = new AtomicInteger();
		var all = new CompletableFuture<?>[requests];
		for (int i = 0; i < requests; i++) {
			permits.acquire();
			String body = "{\"model\":\"sim\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"load " + i + "\"}]}";
			var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			all[i] = client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
				if (error != null || response.statusCode() != 200) {
					failures.incrementAndGet();
				}
				permits.release();
			});
		}
		CompletableFuture.allOf(all).join();
		return failures.get();
	}

}
