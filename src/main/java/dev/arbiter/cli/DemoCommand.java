package dev.arbiter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.arbiter.inference.simulator.Simulator;
import dev.arbiter.inference.simulator.SimulatorConfig;

import org.springframework.boot.SpringApplication;

/**
 * A first look in a minute, with no model of your own: starts a simulator with three models of
 * different quality, speed and price, starts the server, registers the simulated models as an
 * agent with assignments, runs every starter suite against all three, and prints what it measured.
 * The server keeps running afterwards for you to explore, until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = { "Starts the server and a SIMULATOR with three fake models, runs the starter suites against them,",
				"and prints accuracy, latency and cost per model and domain. Nothing real is called." })
class DemoCommand implements Callable<Integer> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> MODELS = List.of("sim-large", "sim-medium", "sim-small");

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	Class<?> application;

	@Option(names = "--port", defaultValue = "8080", description = "Server port (default: ${DEFAULT-VALUE})")
	int port;

	@Option(names = "--data-dir", defaultValue = "data-demo", description = "Data directory of the demo server (default: ${DEFAULT-VALUE})")
	Path dataDir;

	@Option(names = "--sim-port", defaultValue = "0", description = "Simulator port (default: any free port)")
	int simPort;

	@Option(names = "--exit", description = "Stop when the runs are done instead of keeping the server running")
	boolean exit;

	@Override
	public Integer call() throws Exception {
		var out = spec.commandLine().getOut();
		var suites = starterSuites();
		var simulator = Simulator.start(simulatorConfig(suites), simPort);
		out.println("Simulator (fake models, not real ones) on " + simulator.baseUri());
		out.flush();
		var context = SpringApplication.run(application, "--server.port=" + port, "--arbiter.data-dir=" + dataDir);
		var base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
		var client = new ArbiterClient(base, Files.readString(dataDir.resolve("admin.key")).trim());
		register(client, simulator);
		var runs = new LinkedHashMap<String, String>();
		long total = 0;
		for (var suite : client.get("/api/v1/suites?size=500").path("items")) {
			if (!suite.path("name").asString().startsWith("starter-") || suite.path("itemCount").asLong() == 0) {
				continue;
			}
			var run = client.post("/api/v1/eval-runs", Map.of("suite", suite.path("id").asString(), "models", MODELS, "concurrency", 16));
			runs.put(suite.path("domain").asString(), run.path("id").asString());
			total += run.path("total").asLong();
		}
		var finished = new LinkedHashMap<String, JsonNode>();
		try (var bar = new ProgressBarBuilder().setTaskName("starter suites").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
			.setUpdateIntervalMillis(250).continuousUpdate().build()) {
			while (finished.size() < runs.size()) {
				long done = 0;
				for (var entry : runs.entrySet()) {
					var run = client.get("/api/v1/eval-runs/" + entry.getValue());
					done += run.path("progress").path("completed").asLong() + run.path("progress").path("failed").asLong();
					if (List.of("completed", "failed", "cancelled").contains(run.path("status").asString())) {
						finished.put(entry.getKey(), run);
					}
				}
				bar.stepTo(done);
				Thread.sleep(500);
			}
		}
		printTable(out, finished);
		out.println();
		out.println("The server runs at " + base + " with the admin key in " + dataDir.resolve("admin.key") + ". Try:");
		out.println("  curl -s -H \"Authorization: Bearer $(cat " + dataDir.resolve("admin.key") + ")\" " + base
				+ "/api/v1/leaderboard?domain=math");
		out.flush();
		if (exit) {
			context.close();
			simulator.close();
			return 0;
		}
		out.println("Ctrl-C stops the demo.");
		out.flush();
		var stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.close();
			stopped.countDown();
		}));
		stopped.await();
		return 0;
	}

	private static void register(ArbiterClient client, Simulator simulator) {
		var existing = new ArrayList<String>();
		client.get("/api/v1/models?size=500").path("items").forEach(m -> existing.add(m.path("name").asString()));
		var prices = Map.of("sim-large", List.of(3.0, 15.0), "sim-medium", List.of(0.5, 1.5), "sim-small", List.of(0.05, 0.1));
		var agents = client.get("/api/v1/agents?size=500").path("items");
		String agentId = null;
		for (var agent : agents) {
			if (agent.path("name").asString().equals("demo-simulator")) {
				agentId = agent.path("id").asString();
				client.send(client.request("/api/v1/agents/" + agentId).header("Content-Type", "application/json")
					.method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(
							JSON.writeValueAsString(Map.of("baseUrl", simulator.baseUri().toString()))))
					.build());
			}
		}
		if (agentId == null) {
			agentId = client.post("/api/v1/agents", Map.of("name", "demo-simulator", "baseUrl", simulator.baseUri().toString(),
					"apiType", "openai", "maxConcurrency", 128)).path("id").asString();
		}
		for (var model : MODELS) {
			if (existing.contains(model)) {
				continue;
			}
			var price = prices.get(model);
			var created = client.post("/api/v1/models", Map.of("name", model, "displayName", model + " (simulated)",
					"description", "A simulated model from arbiter demo", "status", "experimental",
					"price", Map.of("inputPerMillion", price.get(0), "outputPerMillion", price.get(1))));
			client.post("/api/v1/assignments", Map.of("agentId", agentId, "modelId", created.path("id").asString(), "matchScore", 80));
		}
	}

	/** Three models of different quality, speed and price; each domain a little different. */
	private static SimulatorConfig simulatorConfig(List<StarterItem> items) {
		var large = SimulatorConfig.Model.named("sim-large").withAccuracy(0.9).withAccuracy("math", 0.95).withAccuracy("code", 0.9)
			.withLatency(900, 2000).withTtftMs(250).withOutputTokens(180);
		var medium = SimulatorConfig.Model.named("sim-medium").withAccuracy(0.78).withAccuracy("code", 0.88)
			.withAccuracy("math", 0.7).withLatency(350, 800).withTtftMs(90).withOutputTokens(120);
		var small = SimulatorConfig.Model.named("sim-small").withAccuracy(0.55).withAccuracy("classification", 0.8)
			.withLatency(120, 300).withTtftMs(30).withOutputTokens(60).withErrorRate(0.01);
		var known = items.stream().map(item -> new SimulatorConfig.Item(item.prompt(), item.answer(), item.domain())).toList();
		return SimulatorConfig.of(7, large, medium, small).withItems(known);
	}

	record StarterItem(String domain, String prompt, String answer) {
	}

	/** The starter suites' items as the simulator should answer them when right. */
	private static List<StarterItem> starterSuites() {
		var items = new ArrayList<StarterItem>();
		var index = read("starter-suites/index.json");
		for (var suite : index) {
			boolean wantsJson = suite.path("scoring").toString().contains("\"json\"");
			var lines = new String(open("starter-suites/" + suite.path("file").asString()), StandardCharsets.UTF_8).split("\n");
			for (var line : lines) {
				if (line.isBlank()) {
					continue;
				}
				var item = JSON.readTree(line);
				if (!item.has("prompt")) {
					continue;
				}
				var expected = item.path("expected");
				var answer = expected.isArray() ? expected.get(0).asString() : expected.asString();
				// A JSON task is answered right with JSON that holds the expected value.
				items.add(new StarterItem(suite.path("domain").asString(), item.path("prompt").asString(),
						wantsJson ? JSON.writeValueAsString(Map.of("answer", answer)) : answer));
			}
		}
		return items;
	}

	private static JsonNode read(String resource) {
		return JSON.readTree(open(resource));
	}

	private static byte[] open(String resource) {
		try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new CliFailure("The jar lacks " + resource);
			}
			return in.readAllBytes();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static void printTable(java.io.PrintWriter out, Map<String, JsonNode> runs) {
		out.printf(Locale.ROOT, "%n%-24s", "domain");
		MODELS.forEach(model -> out.printf(Locale.ROOT, " %22s", model));
		out.println();
		for (var entry : runs.entrySet()) {
			out.printf(Locale.ROOT, "%-24s", entry.getKey());
			for (var model : MODELS) {
				String cell = "-";
				for (var summary : entry.getValue().path("summary")) {
					if (summary.path("model").asString().equals(model)) {
						cell = String.format(Locale.ROOT, "%5.1f%% %6.0fms", summary.path("accuracy").asDouble() * 100,
								summary.path("latencyP50Ms").asDouble());
					}
				}
				out.printf(Locale.ROOT, " %22s", cell);
			}
			out.println();
		}
		out.println("(accuracy and median latency per model and domain; prices per 1M tokens: sim-large $3/$15, sim-medium $0.5/$1.5, sim-small $0.05/$0.1)");
		out.flush();
	}
}
