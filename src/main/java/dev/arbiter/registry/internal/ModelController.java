package dev.arbiter.registry.internal;

import dev.arbiter.shared.Time;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import dev.arbiter.registry.ModelStatus;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Models with their price and generation-parameter histories. */
@RestController
@RequestMapping("/api/v1/models")
class ModelController {

	static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:/@+-]*";

	private final Models models;

	private final Providers providers;

	private final Tiers tiers;

	private final AuditLog audit;

	ModelController(Models models, Providers providers, Tiers tiers, AuditLog audit) {
		this.models = models;
		this.providers = providers;
		this.tiers = tiers;
		this.audit = audit;
	}

	@GetMapping
	Page<Model> list(Caller caller, PageRequest page, @RequestParam(required = false) ModelStatus status,
			@RequestParam(required = false) String tier) {
		return models.page(caller.orgId(), status, tier, page);
	}

	@GetMapping("/{id}")
	Model get(Caller caller, @PathVariable UUID id) {
		return models.byId(caller.orgId(), id).orElseThrow(() -> new NotFound("Model", id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Model create(Caller caller, @Valid @RequestBody NewModel request) {
		requireFreeName(caller, request.name(), null);
		if (request.defaultParams() != null) {
			GenerationParams.validate(request.defaultParams());
		}
		var fields = new ModelFields(request.name(), providerId(caller, request.provider()), request.displayName(),
				request.description(), tier(caller, request.tier()), request.contextWindow(), request.capabilities(),
				request.minGpuMemoryGb(), request.status(), request.version(), parent(caller, request.parentModelId(), null),
				Boolean.TRUE.equals(request.reference()), request.tags());
		var id = UUID.randomUUID();
		models.insert(caller.orgId(), id, fields);
		var now = Time.now();
		if (request.price() != null) {
			models.addPrice(caller.orgId(), id, request.price().inputPerMillion(), request.price().outputPerMillion(), now);
		}
		if (request.defaultParams() != null && !request.defaultParams().isEmpty()) {
			models.addParams(caller.orgId(), id, request.defaultParams(), now);
		}
		var created = get(caller, id);
		audit.created(caller, "model", id, created);
		return created;
	}

	@PatchMapping("/{id}")
	@Transactional
	Model update(Caller caller, @PathVariable UUID id, @Valid @RequestBody ModelChanges request) {
		var before = get(caller, id);
		var name = request.name() == null ? before.name() : request.name();
		requireFreeName(caller, name, id);
		var fields = new ModelFields(name,
				request.provider() == null ? before.providerId() : providerId(caller, request.provider()),
				request.displayName() == null ? before.displayName() : request.displayName(),
				request.description() == null ? before.description() : request.description(),
				request.tier() == null ? before.tier() : tier(caller, request.tier()),
				request.contextWindow() == null ? before.contextWindow() : request.contextWindow(),
				request.capabilities() == null ? before.capabilities() : request.capabilities(),
				request.minGpuMemoryGb() == null ? before.minGpuMemoryGb() : request.minGpuMemoryGb(),
				request.status() == null ? before.status() : request.status(),
				request.version() == null ? before.version() : request.version(),
				request.parentModelId() == null ? before.parentModelId() : parent(caller, request.parentModelId(), id),
				request.reference() == null ? before.reference() : request.reference(),
				request.tags() == null ? before.tags() : request.tags());
		models.update(caller.orgId(), id, fields);
		if (request.defaultParams() != null) {
			addParams(caller, id, new NewParams(request.defaultParams(), null));
		}
		var after = get(caller, id);
		audit.updated(caller, "model", id, before, after);
		return after;
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void delete(Caller caller, @PathVariable UUID id) {
		var before = get(caller, id);
		models.delete(caller.orgId(), id);
		audit.deleted(caller, "model", id, before);
	}

	@GetMapping("/{id}/prices")
	Page<Model.Price> prices(Caller caller, @PathVariable UUID id, PageRequest page) {
		get(caller, id);
		return models.prices(id, page);
	}

	/** Adds a price from {@code effectiveFrom} (default now); the price in force until then ends there. */
	@PostMapping("/{id}/prices")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Model.Price addPrice(Caller caller, @PathVariable UUID id, @Valid @RequestBody NewPrice request) {
		get(caller, id);
		var from = request.effectiveFrom() == null ? Time.now() : Time.normalize(request.effectiveFrom());
		models.latestPrice(id).filter(latest -> !from.isAfter(latest.effectiveFrom())).ifPresent(latest -> {
			throw new InvalidInput("effectiveFrom", "must be after " + latest.effectiveFrom()
					+ ", when the latest price took effect; price history is append-only");
		});
		var price = models.addPrice(caller.orgId(), id, request.inputPerMillion(), request.outputPerMillion(), from);
		audit.created(caller, "model_price", price.id(), Map.of("modelId", id, "price", price));
		return price;
	}

	@GetMapping("/{id}/params")
	Page<Model.Params> params(Caller caller, @PathVariable UUID id, PageRequest page) {
		get(caller, id);
		return models.params(id, page);
	}

	@PostMapping("/{id}/params")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Model.Params addParams(Caller caller, @PathVariable UUID id, @Valid @RequestBody NewParams request) {
		get(caller, id);
		var from = request.effectiveFrom() == null ? Time.now() : Time.normalize(request.effectiveFrom());
		models.latestParamsFrom(id).filter(latest -> !from.isAfter(latest)).ifPresent(latest -> {
			throw new InvalidInput("effectiveFrom", "must be after " + latest + ", when the latest parameters took effect");
		});
		GenerationParams.validate(request.params());
		var entry = models.addParams(caller.orgId(), id, request.params(), from);
		audit.created(caller, "model_params", entry.id(), Map.of("modelId", id, "params", entry));
		return entry;
	}

	private void requireFreeName(Caller caller, String name, UUID self) {
		models.byName(caller.orgId(), name).filter(other -> !other.id().equals(self)).ifPresent(other -> {
			throw new Conflict("name", "A model named '" + name + "' already exists");
		});
	}

	private UUID providerId(Caller caller, String provider) {
		if (provider == null) {
			return null;
		}
		return providers.byName(caller.orgId(), provider)
			.orElseThrow(() -> new InvalidInput("provider", "unknown provider '" + provider + "'; create it at /api/v1/providers"))
			.id();
	}

	private String tier(Caller caller, String tier) {
		if (tier != null && tiers.byName(caller.orgId(), tier).isEmpty()) {
			throw new InvalidInput("tier", "unknown tier '" + tier + "'; see /api/v1/tiers");
		}
		return tier;
	}

	private UUID parent(Caller caller, UUID parentId, UUID self) {
		if (parentId == null) {
			return null;
		}
		if (parentId.equals(self)) {
			throw new InvalidInput("parentModelId", "a model cannot be its own parent");
		}
		models.byId(caller.orgId(), parentId).orElseThrow(() -> new InvalidInput("parentModelId", "unknown model " + parentId));
		return parentId;
	}

	record PriceInput(@NotNull @DecimalMin(value = "0", message = "must not be negative") BigDecimal inputPerMillion,
			@NotNull @DecimalMin(value = "0", message = "must not be negative") BigDecimal outputPerMillion) {
	}

	record NewModel(@NotBlank @Size(max = 200) @Pattern(regexp = NAME_PATTERN, message = "must start with a letter or digit and contain no spaces") String name,
			String provider, @Size(max = 200) String displayName, @Size(max = 4000) String description, String tier,
			@Positive Integer contextWindow, List<@NotBlank String> capabilities,
			@DecimalMin(value = "0", message = "must not be negative") @DecimalMax("99999999") BigDecimal minGpuMemoryGb, ModelStatus status,
			@Size(max = 100) String version, UUID parentModelId, Boolean reference, Map<String, Object> defaultParams,
			List<@NotBlank String> tags, @Valid PriceInput price) {
	}

	record ModelChanges(@Size(min = 1, max = 200) @Pattern(regexp = NAME_PATTERN, message = "must start with a letter or digit and contain no spaces") String name,
			String provider, @Size(max = 200) String displayName, @Size(max = 4000) String description, String tier,
			@Positive Integer contextWindow, List<@NotBlank String> capabilities,
			@DecimalMin(value = "0", message = "must not be negative") @DecimalMax("99999999") BigDecimal minGpuMemoryGb, ModelStatus status,
			@Size(max = 100) String version, UUID parentModelId, Boolean reference, Map<String, Object> defaultParams,
			List<@NotBlank String> tags) {
	}

	record NewPrice(@NotNull @DecimalMin(value = "0", message = "must not be negative") BigDecimal inputPerMillion,
			@NotNull @DecimalMin(value = "0", message = "must not be negative") BigDecimal outputPerMillion,
			OffsetDateTime effectiveFrom) {
	}

	record NewParams(@NotNull Map<String, Object> params, OffsetDateTime effectiveFrom) {
	}
}
