package dev.arbiter.cli;

import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arbiter suites …}: benchmark suites on a running server, through its REST API. */
@Command(name = "suites", mixinStandardHelpOptions = true,
		description = "Lists, imports and exports benchmark suites, and loads the starter suites.",
		subcommands = { SuitesCommand.ListSuites.class, SuitesCommand.ImportItems.class, SuitesCommand.ExportItems.class,
				SuitesCommand.LoadStarters.class })
class SuitesCommand implements Runnable {

	static final List<String> IMPORT_FORMATS = List.of("jsonl", "csv", "json", "gsm8k", "mmlu", "openai-evals");

	@Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	/** Every suite, page by page, optionally only those of one name (and version). */
	static List<JsonNode> suites(ArbiterClient client, String name, String version, String domain) {
		var query = new StringBuilder("size=500");
		if (name != null) {
			query.append("&name=").append(ArbiterClient.query(name));
		}
		if (version != null) {
			query.append("&version=").append(ArbiterClient.query(version));
		}
		if (domain != null) {
			query.append("&domain=").append(ArbiterClient.query(domain));
		}
		var all = new ArrayList<JsonNode>();
		for (int page = 0;; page++) {
			var answer = client.get("/api/v1/suites?" + query + "&page=" + page);
			answer.path("items").forEach(all::add);
			if (answer.path("items").size() < 500) {
				return all;
			}
		}
	}

	/** The one suite of this name (and version); fails in one line when there is none or the version is ambiguous. */
	static JsonNode suite(ArbiterClient client, String name, String version) {
		var found = suites(client, name, version, null);
		if (found.isEmpty()) {
			throw new CliFailure("No suite named '" + name + "'" + (version == null ? "" : " with version '" + version + "'"));
		}
		if (found.size() > 1) {
			var versions = found.stream().map(suite -> suite.path("version").asString()).toList();
			throw new CliFailure("The suite '" + name + "' has several versions " + versions + "; pass --version");
		}
		return found.get(0);
	}

	@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the suites with their domain and item count.")
	static class ListSuites implements Callable<Integer> {

		@Mixin
		ServerOptions server;

		@Spec
		CommandLine.Model.CommandSpec spec;

		@Option(names = "--domain", paramLabel = "DOMAIN", description = "Only suites of this domain (slug, name or id)")
		String domain;

		@Override
		public Integer call() {
			var suites = suites(server.client(), null, null, domain);
			var out = spec.commandLine().getOut();
			if (suites.isEmpty()) {
				out.println("No suites.");
				return 0;
			}
			var format = "%-36s  %-10s  %-22s  %-8s  %7s  %s%n";
			out.printf(format, "NAME", "VERSION", "DOMAIN", "KIND", "ITEMS", "ID");
			for (var suite : suites) {
				out.printf(format, suite.path("name").asString(), suite.path("version").asString(), suite.path("domain").asString(),
						suite.path("kind").asString(), suite.path("itemCount").asLong(), suite.path("id").asString());
			}
			out.flush();
			return 0;
		}
	}

	@Command(name = "import", mixinStandardHelpOptions = true,
			description = { "Imports a dataset file into a suite, creating the suite when it does not exist.",
					"The file is streamed to the server; an import is all or nothing, and duplicates are skipped." })
	static class ImportItems implements Callable<Integer> {

		@Mixin
		ServerOptions server;

		@Spec
		CommandLine.Model.CommandSpec spec;

		@Parameters(index = "0", paramLabel = "FILE", description = "The dataset file")
		Path file;

		@Option(names = "--suite", required = true, paramLabel = "NAME", description = "The suite's name")
		String suite;

		@Option(names = "--version", paramLabel = "V", defaultValue = "1", description = "The suite's version (default: ${DEFAULT-VALUE})")
		String version;

		@Option(names = "--domain", required = true, paramLabel = "DOMAIN",
				description = "The domain (slug, name or id) of a suite to create")
		String domain;

		@Option(names = "--format", paramLabel = "F",
				description = "jsonl, csv, json, gsm8k, mmlu or openai-evals (default: from the file's extension)")
		String format;

		@Option(names = "--scoring", paramLabel = "JSON",
				description = "Scorers of a suite to create, e.g. '[{\"type\":\"numeric\",\"tolerance\":0.01}]' (default: exact match)")
		String scoring;

		@Option(names = "--description", paramLabel = "TEXT", description = "Description of a suite to create")
		String description;

		@Override
		public Integer call() {
			if (!Files.isRegularFile(file)) {
				throw new CliFailure("No such file: " + file);
			}
			var chosen = format(format, file);
			var client = server.client();
			var existing = suites(client, suite, version, null);
			var id = existing.isEmpty() ? create(client) : existing.get(0).path("id").asString();
			long size = size(file);
			var progress = new Progress(System.console() != null ? new PrintWriter(System.err, true) : null, size);
			var answer = client.postStream("/api/v1/suites/" + id + "/items:import?format=" + ArbiterClient.query(chosen),
					contentType(chosen), () -> progress.wrap(open(file)));
			progress.done();
			var out = spec.commandLine().getOut();
			out.printf("Imported %d items into %s (version %s): %d duplicates skipped, %d items in the suite.%n",
					answer.path("imported").asLong(), suite, version, answer.path("duplicates").asLong(), answer.path("total").asLong());
			out.flush();
			return 0;
		}

		private String create(ArbiterClient client) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("name", suite);
			body.put("version", version);
			body.put("domain", domain);
			if (description != null) {
				body.put("description", description);
			}
			if (scoring != null) {
				try {
					body.put("scoring", JsonMapper.builder().build().readValue(scoring, List.class));
				}
				catch (RuntimeException e) {
					throw new CliFailure("--scoring must be a JSON array of scorers, e.g. '[{\"type\":\"exact\"}]'");
				}
			}
			var created = client.post("/api/v1/suites", body);
			spec.commandLine().getOut().printf("Created suite %s (version %s) in domain %s.%n", suite, version, created.path("domain").asString());
			return created.path("id").asString();
		}

		static String format(String given, Path file) {
			if (given != null) {
				var format = given.toLowerCase(Locale.ROOT);
				if (!IMPORT_FORMATS.contains(format)) {
					throw new CliFailure("--format must be one of " + String.join(", ", IMPORT_FORMATS) + ", not '" + given + "'");
				}
				return format;
			}
			var name = file.getFileName().toString().toLowerCase(Locale.ROOT);
			for (var extension : List.of("jsonl", "csv", "json")) {
				if (name.endsWith("." + extension)) {
					return extension;
				}
			}
			throw new CliFailure("Cannot tell the format of " + file + " from its name; pass --format "
					+ String.join("|", IMPORT_FORMATS));
		}

		static String contentType(String format) {
			return switch (format) {
				case "csv", "mmlu" -> "text/csv";
				case "json" -> "application/json";
				default -> "application/x-ndjson";
			};
		}
	}

	@Command(name = "export", mixinStandardHelpOptions = true,
			description = "Exports a suite's items as JSONL or CSV (Arbiter's own formats, which import back unchanged).")
	static class ExportItems implements Callable<Integer> {

		@Mixin
		ServerOptions server;

		@Spec
		CommandLine.Model.CommandSpec spec;

		@Parameters(index = "0", paramLabel = "NAME", description = "The suite's name")
		String name;

		@Option(names = "--version", paramLabel = "V", description = "The suite's version (needed when it has several)")
		String version;

		@Option(names = "--format", paramLabel = "F", defaultValue = "jsonl", description = "jsonl or csv (default: ${DEFAULT-VALUE})")
		String format;

		@Option(names = "--output", paramLabel = "FILE", description = "Write to this file instead of standard output")
		Path output;

		@Override
		public Integer call() {
			var chosen = format.toLowerCase(Locale.ROOT);
			if (!chosen.equals("jsonl") && !chosen.equals("csv")) {
				throw new CliFailure("--format must be jsonl or csv, not '" + format + "'");
			}
			var client = server.client();
			var id = suite(client, name, version).path("id").asString();
			var path = "/api/v1/suites/" + id + "/items:export?format=" + chosen;
			if (output == null) {
				client.download(path, System.out);
				return 0;
			}
			try (var out = Files.newOutputStream(output)) {
				client.download(path, out);
			}
			catch (IOException e) {
				throw new CliFailure("Cannot write " + output + ": " + e.getMessage());
			}
			spec.commandLine().getOut().printf("Exported %s to %s.%n", name, output);
			spec.commandLine().getOut().flush();
			return 0;
		}
	}

	@Command(name = "load-starters", mixinStandardHelpOptions = true,
			description = "Adds the starter suites (one per seeded domain) that the organization does not have yet.")
	static class LoadStarters implements Callable<Integer> {

		@Mixin
		ServerOptions server;

		@Spec
		CommandLine.Model.CommandSpec spec;

		@Override
		public Integer call() {
			var answer = server.client().post("/api/v1/suites:load-starters", Map.of());
			var out = spec.commandLine().getOut();
			var loaded = answer.path("loaded");
			if (loaded.isEmpty()) {
				out.println("Every starter suite is there already.");
			}
			for (var suite : loaded) {
				out.printf("Loaded %s (version %s, domain %s): %d items.%n", suite.path("name").asString(),
						suite.path("version").asString(), suite.path("domain").asString(), suite.path("items").asLong());
			}
			for (var suite : answer.path("skipped")) {
				out.printf("Skipped %s: %s.%n", suite.path("name").asString(), suite.path("reason").asString());
			}
			out.flush();
			return 0;
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException e) {
			throw new CliFailure("Cannot read " + file + ": " + e.getMessage());
		}
	}

	private static InputStream open(Path file) {
		try {
			return new FileInputStream(file.toFile());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** Upload progress on the terminal (nothing when the output is not a terminal). */
	static final class Progress {

		private final PrintWriter terminal;

		private final long total;

		private long sent;

		private int shown = -1;

		Progress(PrintWriter terminal, long total) {
			this.terminal = terminal;
			this.total = Math.max(1, total);
		}

		InputStream wrap(InputStream in) {
			if (terminal == null) {
				return in;
			}
			return new FilterInputStream(in) {
				@Override
				public int read() throws IOException {
					int b = super.read();
					if (b >= 0) {
						advance(1);
					}
					return b;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) throws IOException {
					int n = super.read(buffer, offset, length);
					if (n > 0) {
						advance(n);
					}
					return n;
				}
			};
		}

		private void advance(long bytes) {
			sent += bytes;
			int percent = (int) Math.min(100, sent * 100 / total);
			if (percent != shown) {
				shown = percent;
				int filled = percent / 5;
				terminal.printf("\rUploading [%s%s] %3d%%", "#".repeat(filled), " ".repeat(20 - filled), percent);
				terminal.flush();
			}
		}

		void done() {
			if (terminal != null && shown >= 0) {
				terminal.println();
			}
		}
	}
}
