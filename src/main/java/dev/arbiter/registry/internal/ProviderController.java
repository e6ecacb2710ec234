package dev.arbiter.registry.internal;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.arbiter.shared.Conflict;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/providers")
class ProviderController {

	private final Providers providers;

	private final Models models;

	private final AuditLog audit;

	ProviderController(Providers providers, Models models, AuditLog audit) {
		this.providers = providers;
		this.models = models;
		this.audit = audit;
	}

	@GetMapping
	Page<Providers.Provider> list(Caller caller, PageRequest page) {
		return providers.page(caller.orgId(), page);
	}

	@GetMapping("/{id}")
	Providers.Provider get(Caller caller, @PathVariable UUID id) {
		return providers.byId(caller.orgId(), id).orElseThrow(() -> new NotFound("Provider", id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Providers.Provider create(Caller caller, @Valid @RequestBody ProviderRequest request) {
		requireFreeName(caller, request.name(), null);
		var provider = providers.insert(caller.orgId(), request.name(), request.displayName(), request.website());
		audit.created(caller, "provider", provider.id(), provider);
		return provider;
	}

	@PatchMapping("/{id}")
	@Transactional
	Providers.Provider update(Caller caller, @PathVariable UUID id, @Valid @RequestBody ProviderChanges request) {
		var before = get(caller, id);
		var name = request.name() == null ? before.name() : request.name();
		requireFreeName(caller, name, id);
		providers.update(caller.orgId(), id, name, request.displayName() == null ? before.displayName() : request.displayName(),
				request.website() == null ? before.website() : request.website());
		var after = get(caller, id);
		audit.updated(caller, "provider", id, before, after);
		return after;
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void delete(Caller caller, @PathVariable UUID id) {
		var before = get(caller, id);
		if (models.anyWithProvider(caller.orgId(), id)) {
			throw new Conflict("id", "Provider '" + before.name() + "' still has models; move or delete them first");
		}
		providers.delete(caller.orgId(), id);
		audit.deleted(caller, "provider", id, before);
	}

	private void requireFreeName(Caller caller, String name, UUID self) {
		providers.byName(caller.orgId(), name).filter(other -> !other.id().equals(self)).ifPresent(other -> {
			throw new Conflict("name", "A provider named '" + name + "' already exists");
		});
	}

	record ProviderRequest(@NotBlank @Size(max = 100) String name, @Size(max = 200) String displayName,
			@Size(max = 500) String website) {
	}

	record ProviderChanges(@Size(min = 1, max = 100) String name, @Size(max = 200) String displayName,
			@Size(max = 500) String website) {
	}
}
