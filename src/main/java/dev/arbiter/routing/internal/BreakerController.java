package dev.arbiter.routing.internal;

import java.util.List;

import dev.arbiter.tenancy.Caller;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The circuit breakers and cooldowns of the caller's assignments that the gateway has called. */
@RestController
class BreakerController {

	private final Breakers breakers;

	BreakerController(Breakers breakers) {
		this.breakers = breakers;
	}

	@GetMapping("/api/v1/routing/breakers")
	List<Breakers.State> breakers(Caller caller) {
		return breakers.states(caller.orgId());
	}
}
