package dev.arbiter.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.boot.SpringApplication;

@Command(name = "serve", mixinStandardHelpOptions = true,
		description = { "Starts the Arbiter server.",
				"Without ARBITER_DB_URL it keeps everything in an H2 database under the data directory." })
class ServeCommand implements Callable<Integer> {

	Class<?> application;

	@Option(names = "--port", description = "HTTP port (default: SERVER_PORT or 8080)")
	Integer port;

	@Option(names = "--data-dir", description = "Data directory (default: ARBITER_DATA_DIR or ./data)")
	Path dataDir;

	@Override
	public Integer call() {
		var args = new ArrayList<String>();
		if (port != null) {
			args.add("--server.port=" + port);
		}
		if (dataDir != null) {
			args.add("--arbiter.data-dir=" + dataDir);
		}
		SpringApplication.run(application, args.toArray(String[]::new));
		return 0;
	}
}
