package dev.arbiter.cli;

/** A failure a command reports in one line (no stack trace) before exiting with code 2. */
public class CliFailure extends RuntimeException {

	public CliFailure(String message) {
		super(message);
	}
}
