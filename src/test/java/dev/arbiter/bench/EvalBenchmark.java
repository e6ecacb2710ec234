package dev.arbiter.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.arbiter.inference.simulator.Simulator;
import dev.arbiter.inference.simulator.SimulatorConfig;

/**
 * Evaluation throughput: N items (default 2,000) against the simulator at a fixed 100 ms latency
 * with concurrency 64, whose ideal is 64 / 0.1 s = 640 items/s. Prints items/s, its share of the
 * ideal (after a first, unmeasured run warms the JIT up; its rate is printed as the cold rate),
 * and the server's heap before, during and after the measured run.
 * Run: {@code bench/run.sh EvalBenchmark [items] [concurrency]}.
 */
public final class EvalBenchmark {

	public static void main(String[] args) throws Exception {
		int items = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
		int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
		var json = JsonMapper.builder().build();
		var known = new ArrayList<SimulatorConfig.Item>();
		var jsonl = new StringBuilder();
		for (int i = 0; i < items; i++) {
			var prompt = "Benchmark item " + i + ": what is " + i + " plus " + (i % 13) + "?";
			known.add(new SimulatorConfig.Item(prompt, String.valueOf(i + i % 13), "math"));
			jsonl.append("{\"prompt\":\"").append(prompt).append("\",\"expected\":\"").append(i + i % 13).append("\"}\n");
		}
		var config = SimulatorConfig.of(1, SimulatorConfig.Model.named("sim-fixed").withAccuracy(0.8).withLatency(100, 100)
			.withTtftMs(0).withOutputTokens(20)).withItems(known);
		try (var simulator = Simulator.start(config, 0); var server = BenchServer.start()) {
			var http = HttpClient.newHttpClient();
			var agent = call(http, server, "POST", "/api/v1/agents", json.writeValueAsString(Map.of("name", "sim", "baseUrl",
					simulator.baseUri().toString(), "apiType", "openai", "maxConcurrency", concurrency * 2)), json);
			var model = call(http, server, "POST", "/api/v1/models", json.writeValueAsString(Map.of("name", "sim-fixed", "price",
					Map.of("inputPerMillion", 1, "outputPerMillion", 1))), json);
			call(http, server, "POST", "/api/v1/assignments", json.writeValueAsString(Map.of("agentId", agent.path("id").asString(),
					"modelId", model.path("id").asString())), json);
			var suite = call(http, server, "POST", "/api/v1/suites", json.writeValueAsString(Map.of("name", "bench", "domain", "math",
					"scoring", List.of(Map.of("type", "numeric")))), json);
			call(http, server, "POST", "/api/v1/suites/" + suite.path("id").asString() + "/items:import?format=jsonl", jsonl.toString(), json);

			// A first run warms the server's JIT up; the second one is measured.
			var warmup = call(http, server, "POST", "/api/v1/eval-runs", json.writeValueAsString(Map.of("suite",
					suite.path("id").asString(), "models", List.of("sim-fixed"), "concurrency", concurrency)), json);
			while (!List.of("completed", "failed", "cancelled").contains(warmup.path("status").asString())) {
				Thread.sleep(200);
				warmup = call(http, server, "GET", "/api/v1/eval-runs/" + warmup.path("id").asString(), null, json);
			}
			var warmupSeconds = Duration.between(OffsetDateTime.parse(warmup.path("startedAt").asString()),
					OffsetDateTime.parse(warmup.path("finishedAt").asString())).toMillis() / 1000.0;
			long heapBefore = heap(http, server, json);
			var run = call(http, server, "POST", "/api/v1/eval-runs", json.writeValueAsString(Map.of("suite", suite.path("id").asString(),
					"models", List.of("sim-fixed"), "concurrency", concurrency)), json);
			var id = run.path("id").asString();
			long heapPeak = heapBefore;
			while (!List.of("completed", "failed", "cancelled").contains(run.path("status").asString())) {
				Thread.sleep(200);
				heapPeak = Math.max(heapPeak, heap(http, server, json));
				run = call(http, server, "GET", "/api/v1/eval-runs/" + id, null, json);
			}
			var seconds = Duration.between(OffsetDateTime.parse(run.path("startedAt").asString()),
					OffsetDateTime.parse(run.path("finishedAt").asString())).toMillis() / 1000.0;
			double rate = items / seconds;
			double ideal = concurrency / 0.1;
			var out = new LinkedHashMap<String, Object>();
			out.put("items", items);
			out.put("concurrency", concurrency);
			out.put("status", run.path("status").asString());
			out.put("seconds", seconds);
			out.put("itemsPerSecond", Math.round(rate));
			out.put("ideal", Math.round(ideal));
			out.put("shareOfIdeal", String.format("%.2f", rate / ideal));
			out.put("coldRunItemsPerSecond", Math.round(items / warmupSeconds));
			out.put("heapBeforeMb", heapBefore / 1_000_000);
			out.put("heapPeakMb", heapPeak / 1_000_000);
			out.put("heapAfterMb", heap(http, server, json) / 1_000_000);
			System.out.println("EvalBenchmark " + out);
		}
	}

	static long heap(HttpClient http, BenchServer server, JsonMapper json) throws Exception {
		var metric = call(http, server, "GET", "/actuator/metrics/jvm.memory.used?tag=area:heap", null, json);
		return (long) metric.path("measurements").get(0).path("value").asDouble();
	}

	static JsonNode call(HttpClient http, BenchServer server, String method, String path, String body, JsonMapper json) throws Exception {
		var request = HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization", "Bearer " + server.key)
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
			.build();
		var response = http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() >= 300) {
			throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	private EvalBenchmark() {
	}
}
