package dev.arbiter.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "events", mixinStandardHelpOptions = true, description = "Metric events on a running server.",
		subcommands = EventsCommand.Import.class)
class EventsCommand implements Runnable {

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	@Command(name = "import", mixinStandardHelpOptions = true,
			description = { "Imports a log of model calls from another system as metric events (source 'import').",
					"bedrock: AWS Bedrock model-invocation log records, one per line, plain or as exported from CloudWatch Logs;",
					"a .gz file is decompressed. Importing the same log again adds nothing.",
					"Exits 0 when every record was stored (or already was), 1 when some lines were rejected, 2 on errors." })
	static class Import implements Callable<Integer> {

		@Spec
		picocli.CommandLine.Model.CommandSpec spec;

		@Mixin
		ServerOptions server;

		@Parameters(index = "0", paramLabel = "FILE", description = "The log file (NDJSON, optionally gzipped)")
		Path file;

		@Option(names = "--format", required = true, paramLabel = "FORMAT", description = "The log's format: bedrock")
		String format;

		@Override
		public Integer call() {
			if (!format.equals("bedrock")) {
				throw new CliFailure("Unknown format '" + format + "'; the known one is bedrock");
			}
			if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
				throw new CliFailure("No readable file at " + file);
			}
			var result = server.client()
				.postStream("/api/v1/events:import?format=" + URLEncoder.encode(format, StandardCharsets.UTF_8),
						"application/x-ndjson", this::open);
			long rejected = result.path("rejected").asLong();
			var out = spec.commandLine().getOut();
			out.printf("%s: %d lines, %d accepted, %d duplicates, %d rejected%n", file, result.path("lines").asLong(),
					result.path("accepted").asLong(), result.path("duplicates").asLong(), rejected);
			out.flush();
			var err = spec.commandLine().getErr();
			for (var rejection : result.path("rejections")) {
				var reasons = new StringBuilder();
				for (var reason : rejection.path("reasons")) {
					reasons.append(reasons.isEmpty() ? "" : "; ").append(reason.asString());
				}
				err.printf("  line %d: %s%n", rejection.path("line").asLong(), reasons);
			}
			if (rejected > result.path("rejections").size()) {
				err.printf("  … and %d more rejected lines%n", rejected - result.path("rejections").size());
			}
			err.flush();
			return rejected > 0 ? 1 : 0;
		}

		private InputStream open() {
			try {
				InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
				return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 64 * 1024) : in;
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
			}
		}
	}
}
