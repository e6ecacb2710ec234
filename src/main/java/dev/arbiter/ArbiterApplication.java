package dev.arbiter;

import dev.arbiter.cli.ArbiterCommand;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The one jar: {@code java -jar arbiter.jar serve} runs the server; other sub-commands are the CLI. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ArbiterApplication {

	public static void main(String[] args) {
		ArbiterCommand.run(args, ArbiterApplication.class);
	}
}
