package dev.arbiter;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ArbiterApplication {
	public static void main(String[] args) {
		org.springframework.boot.SpringApplication.run(ArbiterApplication.class, args);
	}
}
