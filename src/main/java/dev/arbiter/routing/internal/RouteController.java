package dev.arbiter.routing.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.shared.Conflict;
import dev.arbiter.shared.InvalidInput;
import dev.arbiter.shared.NotFound;
import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;
import dev.arbiter.tenancy.AuditLog;
import dev.arbiter.tenancy.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Named routes: {@code {"name":"fast","strategy":"speed"}} makes {@code model: "fast"} route by speed. */
@RestController
@RequestMapping("/api/v1/routes")
class RouteController {

	private final Routes routes;

	private final ModelCatalog models;

	private final AuditLog audit;

	private final OrgViews views;

	RouteController(Routes routes, ModelCatalog models, AuditLog audit, OrgViews views) {
		this.routes = routes;
		this.models = models;
		this.audit = audit;
		this.views = views;
	}

	@GetMapping
	Page<Route> list(Caller caller, PageRequest page) {
		return page.slice(routes.all(caller.orgId()));
	}

	@GetMapping("/{id}")
	Route get(Caller caller, @PathVariable UUID id) {
		return routes.byId(caller.orgId(), id).orElseThrow(() -> new NotFound("Route", id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Route create(Caller caller, @Valid @RequestBody RouteRequest request) {
		if (routes.byName(caller.orgId(), request.name()).isPresent()) {
			throw new Conflict("name", "A route named '" + request.name() + "' already exists");
		}
		var route = route(caller, UUID.randomUUID(), request);
		routes.save(caller.orgId(), route, true);
		var created = get(caller, route.id());
		audit.created(caller, "route", route.id(), created);
		views.forget(caller.orgId());
		return created;
	}

	@PutMapping("/{id}")
	@Transactional
	Route replace(Caller caller, @PathVariable UUID id, @Valid @RequestBody RouteRequest request) {
		var before = get(caller, id);
		routes.byName(caller.orgId(), request.name()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
			throw new Conflict("name", "A route named '" + request.name() + "' already exists");
		});
		routes.save(caller.orgId(), route(caller, id, request), false);
		var after = get(caller, id);
		audit.updated(caller, "route", id, before, after);
		views.forget(caller.orgId());
		return after;
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void delete(Caller caller, @PathVariable UUID id) {
		var before = get(caller, id);
		routes.delete(caller.orgId(), id);
		audit.deleted(caller, "route", id, before);
		views.forget(caller.orgId());
	}

	private Route route(Caller caller, UUID id, RouteRequest request) {
		if ("auto".equals(request.name()) || models.byName(caller.orgId(), request.name()).isPresent()) {
			throw new InvalidInput("name", "'" + request.name() + "' is a model name or 'auto'; a route needs a name of its own");
		}
		var names = new java.util.ArrayList<String>();
		if (request.candidates() != null) {
			names.addAll(request.candidates());
		}
		if (request.fallbacks() != null) {
			names.addAll(request.fallbacks());
		}
		for (var name : names) {
			if (models.byName(caller.orgId(), name).isEmpty()) {
				throw new InvalidInput("candidates", "unknown model '" + name + "'");
			}
		}
		if (request.weights() != null) {
			for (var entry : request.weights().entrySet()) {
				if (!Strategy.DEFAULT_WEIGHTS.containsKey(entry.getKey()) || entry.getValue() == null || entry.getValue() < 0) {
					throw new InvalidInput("weights", "weights are quality, speed and cost, each 0 or more");
				}
			}
		}
		if (request.verifier() != null && models.byName(caller.orgId(), request.verifier().model()).isEmpty()) {
			throw new InvalidInput("verifier.model", "unknown model '" + request.verifier().model() + "'");
		}
		return new Route(id, request.name(), Strategy.fromWire(request.strategy()),
				request.weights() == null ? Map.of() : request.weights(), request.candidates() == null ? List.of() : request.candidates(),
				request.constraints() == null ? Route.Constraints.NONE : request.constraints(),
				request.fallbacks() == null ? List.of() : request.fallbacks(), request.exploration(), request.description(), null, null,
				request.verifier() == null ? null : new Route.Verifier(request.verifier().model(), request.verifier().rate()));
	}

	record RouteRequest(@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]*",
			message = "may contain letters, digits, '.', '_' and '-'") String name,
			@NotBlank @Pattern(regexp = "quality|speed|cost|balanced", message = "must be quality, speed, cost or balanced") String strategy,
			Map<String, Double> weights, List<@NotBlank String> candidates, @com.fasterxml.jackson.annotation.JsonProperty("constraints") @Valid ConstraintsRequest constraintsInput,
			List<@NotBlank String> fallbacks, @DecimalMin("0") @DecimalMax("1") Double exploration,
			@Size(max = 2000) String description, @Valid VerifierRequest verifier) {

		Route.Constraints constraints() {
			return constraintsInput == null ? null
					: new Route.Constraints(constraintsInput.minAccuracy(), constraintsInput.maxP95Ms(), constraintsInput.maxCostPerRequest());
		}
	}

	record VerifierRequest(@NotBlank String model,
			@jakarta.validation.constraints.NotNull @DecimalMin("0") @jakarta.validation.constraints.DecimalMax("1") Double rate) {
	}

	record ConstraintsRequest(@DecimalMin("0") Double minAccuracy, @DecimalMin("0") Double maxP95Ms,
			@DecimalMin("0") Double maxCostPerRequest) {
	}
}
