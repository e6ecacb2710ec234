package dev.arbiter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a suite against models on a server and gates on the result, for CI: a progress bar while
 * it runs, a summary table at the end, results as JSONL and JUnit XML if asked, exit code 1 when
 * a model's accuracy is below {@code --fail-under} (or the run did not complete).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluates models on a benchmark suite and gates on accuracy.")
class EvalCommand implements Callable<Integer> {

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Mixin
	ServerOptions server;

	@Option(names = "--suite", required = true, paramLabel = "NAME", description = "Suite name or id")
	String suite;

	@Option(names = "--suite-version", paramLabel = "V", description = "Suite version (default: the newest suite of that name)")
	String suiteVersion;

	@Option(names = "--models", required = true, split = ",", paramLabel = "a,b", description = "Registered model names")
	List<String> models;

	@Option(names = "--concurrency", defaultValue = "8", description = "Calls in flight at once (default: ${DEFAULT-VALUE})")
	int concurrency;

	@Option(names = "--repeats", defaultValue = "1", description = "Times each item is asked (default: ${DEFAULT-VALUE})")
	int repeats;

	@Option(names = "--temperature", description = "Sampling temperature (default 0)")
	Double temperature;

	@Option(names = "--max-tokens", description = "Maximum output tokens")
	Integer maxTokens;

	@Option(names = "--seed", description = "Seed sent to upstreams that support one")
	Long seed;

	@Option(names = "--template", description = "Prompt template; {{prompt}} is replaced by the item's prompt")
	String template;

	@Option(names = "--fail-under", paramLabel = "ACCURACY", description = "Exit 1 when a model's accuracy is below this (0–1)")
	Double failUnder;

	@Option(names = "--output", paramLabel = "FILE", description = "Write every result as JSON lines")
	Path output;

	@Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report")
	Path junit;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Override
	public Integer call() throws Exception {
		if (failUnder != null && (failUnder < 0 || failUnder > 1)) {
			throw new CliFailure("--fail-under must be between 0 and 1");
		}
		var client = server.client();
		var body = new LinkedHashMap<String, Object>();
		body.put("suite", suite);
		if (suiteVersion != null) {
			body.put("suiteVersion", suiteVersion);
		}
		body.put("models", models);
		body.put("concurrency", concurrency);
		body.put("repeats", repeats);
		var params = new LinkedHashMap<String, Object>();
		params.put("temperature", temperature == null ? 0.0 : temperature);
		if (maxTokens != null) {
			params.put("maxTokens", maxTokens);
		}
		if (seed != null) {
			params.put("seed", seed);
		}
		body.put("params", params);
		if (template != null) {
			body.put("promptTemplate", template);
		}
		var run = client.post("/api/v1/eval-runs", body);
		var id = run.path("id").asString();
		var err = spec.commandLine().getErr();
		err.println("Run " + id + ": " + run.path("suiteName").asString() + " x " + String.join(", ", models) + " ("
				+ run.path("total").asInt() + " calls)");
		var cancelOnExit = new Thread(() -> cancelQuietly(client, id));
		Runtime.getRuntime().addShutdownHook(cancelOnExit);
		try (ProgressBar bar = new ProgressBarBuilder().setTaskName("eval").setInitialMax(run.path("total").asLong())
			.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build()) {
			while (true) {
				run = client.get("/api/v1/eval-runs/" + id);
				var progress = run.path("progress");
				bar.stepTo(progress.path("completed").asLong() + progress.path("failed").asLong());
				bar.setExtraMessage(progress.path("failed").asInt() > 0 ? progress.path("failed").asInt() + " failed" : "");
				if (List.of("completed", "failed", "cancelled").contains(run.path("status").asString())) {
					break;
				}
				Thread.sleep(500);
			}
		}
		Runtime.getRuntime().removeShutdownHook(cancelOnExit);
		var out = spec.commandLine().getOut();
		printSummary(out, run);
		if (output != null) {
			writeResults(client, id, output);
			out.println("Results written to " + output);
		}
		if (junit != null) {
			writeJunit(run, junit);
			out.println("JUnit report written to " + junit);
		}
		var status = run.path("status").asString();
		if (!"completed".equals(status)) {
			out.println("The run ended " + status + (run.path("error").isNull() ? "" : ": " + run.path("error").asString()));
			return 1;
		}
		boolean below = false;
		for (var model : run.path("summary")) {
			if (failUnder != null && (model.path("accuracy").isNull() || model.path("accuracy").asDouble() < failUnder)) {
				out.println("FAIL " + model.path("model").asString() + ": accuracy " + percent(model.path("accuracy")) + " is below "
						+ String.format(Locale.ROOT, "%.1f%%", failUnder * 100));
				below = true;
			}
		}
		out.flush();
		return below ? 1 : 0;
	}

	private static void cancelQuietly(ArbiterClient client, String id) {
		try {
			client.post("/api/v1/eval-runs/" + id + "/cancel", Map.of());
		}
		catch (RuntimeException e) {
			// the run may have ended already
		}
	}

	static void printSummary(PrintWriter out, JsonNode run) {
		out.printf(Locale.ROOT, "%n%-32s %9s %7s %10s %10s %10s %12s%n", "model", "accuracy", "failed", "p50 ms", "p95 ms", "tokens",
				"cost USD");
		for (var model : run.path("summary")) {
			out.printf(Locale.ROOT, "%-32s %9s %7d %10s %10s %10d %12s%n", model.path("model").asString(), percent(model.path("accuracy")),
					model.path("failures").asLong(), number(model.path("latencyP50Ms")), number(model.path("latencyP95Ms")),
					model.path("tokensIn").asLong() + model.path("tokensOut").asLong(),
					model.path("cost").isNull() ? "-" : String.format(Locale.ROOT, "%.6f", model.path("cost").asDouble()));
		}
		out.flush();
	}

	private static String percent(JsonNode value) {
		return value == null || value.isNull() || value.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.1f%%", value.asDouble() * 100);
	}

	private static String number(JsonNode value) {
		return value == null || value.isNull() || value.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.0f", value.asDouble());
	}

	private static void writeResults(ArbiterClient client, String id, Path file) throws IOException {
		try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			for (int page = 0;; page++) {
				var results = client.get("/api/v1/eval-runs/" + id + "/results?size=500&page=" + page);
				for (var result : results.path("items")) {
					writer.write(JSON.writeValueAsString(result));
					writer.newLine();
				}
				if ((long) (page + 1) * 500 >= results.path("total").asLong()) {
					break;
				}
			}
		}
	}

	private void writeJunit(JsonNode run, Path file) throws IOException {
		var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		var summaries = run.path("summary");
		int failures = 0;
		var cases = new StringBuilder();
		for (var model : summaries) {
			var name = model.path("model").asString();
			cases.append("    <testcase classname=\"arbiter.eval.").append(escape(run.path("suiteName").asString())).append("\" name=\"")
				.append(escape(name)).append(" accuracy ").append(percent(model.path("accuracy"))).append("\" time=\"")
				.append(String.format(Locale.ROOT, "%.3f", model.path("latencyMeanMs").asDouble(0) / 1000)).append("\">");
			boolean failed = failUnder != null && (model.path("accuracy").isNull() || model.path("accuracy").asDouble() < failUnder);
			if (failed) {
				failures++;
				cases.append("<failure message=\"accuracy ").append(percent(model.path("accuracy"))).append(" is below ")
					.append(String.format(Locale.ROOT, "%.1f%%", failUnder * 100)).append("\"/>");
			}
			cases.append("</testcase>\n");
		}
		xml.append("<testsuite name=\"arbiter eval ").append(escape(run.path("suiteName").asString())).append("\" tests=\"")
			.append(summaries.size()).append("\" failures=\"").append(failures).append("\" errors=\"0\">\n")
			.append(cases).append("</testsuite>\n");
		Files.writeString(file, xml, StandardCharsets.UTF_8);
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
