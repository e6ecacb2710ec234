/** The command line: {@code arbiter serve} and the commands that talk to a running server. */
@org.springframework.modulith.ApplicationModule(displayName = "CLI")
package dev.arbiter.cli;
