package dev.arbiter;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/** The module graph of DESIGN.md: no cycles, no reaching into another module's internals. */
class ModularityTests {

	@Test
	void modulesRespectTheirBoundaries() {
		ApplicationModules.of(ArbiterApplication.class).verify();
	}
}
