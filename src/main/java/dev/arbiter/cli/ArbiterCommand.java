package dev.arbiter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top of the command line; {@code serve} keeps the JVM running, every other command exits with its code. */
@Command(name = "arbiter", mixinStandardHelpOptions = true, versionProvider = ArbiterCommand.Version.class,
		description = "Evaluates LLMs per domain, measures every call, and routes each query to the model that serves it best.",
		subcommands = { ServeCommand.class, EvalCommand.class, EventsCommand.class, SuitesCommand.class, SimulateCommand.class,
				CommandLine.HelpCommand.class })
public class ArbiterCommand implements Runnable {

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	/**
	 * Runs the command line. {@code application} is the Spring Boot application class that
	 * {@code serve} starts (passed in, so the CLI does not depend on the application's package).
	 */
	public static void run(String[] args, Class<?> application) {
		var commandLine = commandLine();
		((ServeCommand) commandLine.getSubcommands().get("serve").getCommand()).application = application;
		int code = commandLine.execute(args);
		var parsed = commandLine.getParseResult();
		boolean serving = code == 0 && parsed != null && parsed.subcommand() != null
				&& parsed.subcommand().commandSpec().userObject() instanceof ServeCommand;
		if (!serving) {
			System.exit(code);
		}
	}

	/** The command line without exiting: a {@link CliFailure} prints one line and answers exit code 2. */
	public static CommandLine commandLine() {
		var commandLine = new CommandLine(new ArbiterCommand());
		commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
			if (e instanceof CliFailure failure) {
				cmd.getErr().println("arbiter: " + failure.getMessage());
				return 2;
			}
			throw e;
		});
		return commandLine;
	}

	@Override
	public void run() {
		spec.commandLine().usage(spec.commandLine().getOut());
	}

	static class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			var version = ArbiterCommand.class.getPackage().getImplementationVersion();
			return new String[] { "arbiter " + (version == null ? "development build" : version) };
		}
	}
}
