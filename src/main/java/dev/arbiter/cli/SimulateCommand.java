package dev.arbiter.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import dev.arbiter.inference.simulator.Simulator;
import dev.arbiter.inference.simulator.SimulatorConfig;

@Command(name = "simulate", mixinStandardHelpOptions = true,
		description = { "Serves a SIMULATED OpenAI-compatible API (no real model) on 127.0.0.1.",
				"Its models have per-domain accuracy, latency, error rate and output length from the config file;",
				"items of the configured datasets are answered correctly with the configured probability." })
class SimulateCommand implements Callable<Integer> {

	@Spec
	picocli.CommandLine.Model.CommandSpec spec;

	@Option(names = "--port", defaultValue = "9000", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
	int port;

	@Option(names = "--config", required = true, paramLabel = "FILE", description = "Simulator YAML (models, datasets, seed)")
	Path config;

	@Override
	public Integer call() throws Exception {
		if (!config.toFile().isFile()) {
			throw new CliFailure("No simulator config at " + config);
		}
		var simulator = Simulator.start(SimulatorConfig.load(config), port);
		Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
		var out = spec.commandLine().getOut();
		out.println("arbiter-sim (a simulator, not a real model) listening on " + simulator.baseUri());
		simulator.config().models().forEach(model -> out.println("  model " + model.name()));
		out.flush();
		simulator.awaitClose();
		return 0;
	}
}
