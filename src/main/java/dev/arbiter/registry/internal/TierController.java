package dev.arbiter.registry.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import dev.arbiter.shared.Conflict;
import dev.arbiter.shared.NotFound;
import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;
import dev.arbiter.tenancy.AuditLog;
import dev.arbiter.tenancy.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tiers")
class TierController {

	private final Tiers tiers;

	private final AuditLog audit;

	TierController(Tiers tiers, AuditLog audit) {
		this.tiers = tiers;
		this.audit = audit;
	}

	@GetMapping
	Page<Tiers.Tier> list(Caller caller, PageRequest page) {
		return page.slice(tiers.all(caller.orgId()));
	}

	@GetMapping("/{id}")
	Tiers.Tier get(Caller caller, @PathVariable UUID id) {
		return tiers.byId(caller.orgId(), id).orElseThrow(() -> new NotFound("Tier", id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Tiers.Tier create(Caller caller, @Valid @RequestBody TierRequest request) {
		if (tiers.byName(caller.orgId(), request.name()).isPresent()) {
			throw new Conflict("name", "A tier named '" + request.name() + "' already exists");
		}
		var tier = new Tiers.Tier(UUID.randomUUID(), request.name(), request.description(), request.defaultModel(),
				request.contextWindow(), request.inputPerMillion(), request.outputPerMillion(),
				request.supportsStreaming() == null || request.supportsStreaming(), true, null, null);
		tiers.save(caller.orgId(), tier, true);
		var created = get(caller, tier.id());
		audit.created(caller, "tier", tier.id(), created);
		return created;
	}

	@PatchMapping("/{id}")
	@Transactional
	Tiers.Tier update(Caller caller, @PathVariable UUID id, @Valid @RequestBody TierChanges request) {
		var before = get(caller, id);
		var changed = new Tiers.Tier(id, before.name(),
				request.description() == null ? before.description() : request.description(),
				request.defaultModel() == null ? before.defaultModel() : request.defaultModel(),
				request.contextWindow() == null ? before.contextWindow() : request.contextWindow(),
				request.inputPerMillion() == null ? before.inputPerMillion() : request.inputPerMillion(),
				request.outputPerMillion() == null ? before.outputPerMillion() : request.outputPerMillion(),
				request.supportsStreaming() == null ? before.supportsStreaming() : request.supportsStreaming(),
				request.active() == null ? before.active() : request.active(), before.createdAt(), null);
		tiers.save(caller.orgId(), changed, false);
		var after = get(caller, id);
		audit.updated(caller, "tier", id, before, after);
		return after;
	}

	record TierRequest(@NotBlank @Size(max = 50) @Pattern(regexp = "[a-z0-9_-]+", message = "may contain a-z, 0-9, '_' and '-'") String name,
			@Size(max = 1000) String description, @Size(max = 200) String defaultModel, @NotNull @Positive Integer contextWindow,
			@NotNull @DecimalMin("0") BigDecimal inputPerMillion, @NotNull @DecimalMin("0") BigDecimal outputPerMillion,
			Boolean supportsStreaming) {
	}

	record TierChanges(@Size(max = 1000) String description, @Size(max = 200) String defaultModel,
			@Positive Integer contextWindow, @DecimalMin("0") BigDecimal inputPerMillion,
			@DecimalMin("0") BigDecimal outputPerMillion, Boolean supportsStreaming, Boolean active) {
	}
}
