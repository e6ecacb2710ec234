package dev.arbiter.tenancy.internal;

import java.util.List;
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
import dev.arbiter.tenancy.Role;

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

/**
 * A key sees only its own organization. An owner may create another organization; the answer
 * carries the new organization's first owner key, the only way into it.
 */
@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {

	private final Organizations organizations;

	private final ApiKeys keys;

	private final AuditLog audit;

	OrganizationController(Organizations organizations, ApiKeys keys, AuditLog audit) {
		this.organizations = organizations;
		this.keys = keys;
		this.audit = audit;
	}

	@GetMapping
	Page<Organizations.Organization> list(Caller caller, PageRequest page) {
		var own = organizations.byId(caller.orgId()).map(List::of).orElse(List.of());
		return page.of(page.pageNumber() == 0 ? own : List.of(), own.size());
	}

	@GetMapping("/{id}")
	Organizations.Organization get(Caller caller, @PathVariable UUID id) {
		if (!id.equals(caller.orgId())) {
			throw new NotFound("Organization", id);
		}
		return organizations.byId(id).orElseThrow(() -> new NotFound("Organization", id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	CreatedOrganization create(Caller caller, @Valid @RequestBody OrganizationName request) {
		caller.requireAtLeast(Role.OWNER);
		var org = organizations.create(request.name());
		var secret = ApiKeySecret.generate();
		var key = keys.insert(org.id(), null, "owner of " + org.name(), secret, Role.OWNER, null, null, null);
		var actorInNewOrg = new Caller(org.id(), caller.keyId(), caller.userId(), caller.role(), caller.actor());
		audit.created(actorInNewOrg, "organization", org.id(), org);
		audit.created(actorInNewOrg, "api_key", key.id(), key);
		return new CreatedOrganization(org, new ApiKeyController.CreatedKey(key, secret.key()));
	}

	@PatchMapping("/{id}")
	@Transactional
	Organizations.Organization rename(Caller caller, @PathVariable UUID id, @Valid @RequestBody OrganizationName request) {
		var before = get(caller, id);
		caller.requireAtLeast(Role.OWNER);
		organizations.byName(request.name()).filter(other -> !other.id().equals(id)).ifPresent(other -> {
			throw new Conflict("name", "An organization named '" + request.name() + "' already exists");
		});
		organizations.rename(id, request.name());
		var after = get(caller, id);
		audit.updated(caller, "organization", id, before, after);
		return after;
	}

	record OrganizationName(@NotBlank @Size(max = 200) String name) {
	}

	record CreatedOrganization(Organizations.Organization organization, ApiKeyController.CreatedKey apiKey) {
	}
}
