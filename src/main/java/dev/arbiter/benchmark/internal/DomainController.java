package dev.arbiter.benchmark.internal;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.arbiter.benchmark.Domain;
import dev.arbiter.benchmark.DomainCatalog;
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

/** Domains: list, create, rename, describe. The slug stays stable when a domain is renamed. */
@RestController
@RequestMapping("/api/v1/domains")
class DomainController {

	private final DomainCatalog catalog;

	private final Domains domains;

	private final AuditLog audit;

	DomainController(DomainCatalog catalog, Domains domains, AuditLog audit) {
		this.catalog = catalog;
		this.domains = domains;
		this.audit = audit;
	}

	@GetMapping
	Page<Domain> list(Caller caller, PageRequest page) {
		return page.slice(catalog.all(caller.orgId()));
	}

	@GetMapping("/{id}")
	Domain get(Caller caller, @PathVariable UUID id) {
		return catalog.byId(caller.orgId(), id).orElseThrow(() -> new NotFound("Domain", id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Domain create(Caller caller, @Valid @RequestBody NewDomain request) {
		var slug = request.slug() != null ? request.slug() : slugOf(request.name());
		for (var existing : catalog.all(caller.orgId())) {
			if (existing.slug().equals(slug)) {
				throw new Conflict("slug", "A domain with the slug '" + slug + "' already exists");
			}
			if (existing.name().equalsIgnoreCase(request.name())) {
				throw new Conflict("name", "A domain named '" + request.name() + "' already exists");
			}
		}
		var id = UUID.randomUUID();
		domains.insert(caller.orgId(), id, slug, request.name(), request.description());
		var created = get(caller, id);
		audit.created(caller, "domain", id, created);
		return created;
	}

	@PatchMapping("/{id}")
	@Transactional
	Domain update(Caller caller, @PathVariable UUID id, @Valid @RequestBody DomainChanges request) {
		var before = get(caller, id);
		var name = request.name() == null ? before.name() : request.name();
		catalog.all(caller.orgId())
			.stream()
			.filter(other -> !other.id().equals(id) && other.name().equalsIgnoreCase(name))
			.findAny()
			.ifPresent(other -> {
				throw new Conflict("name", "A domain named '" + name + "' already exists");
			});
		domains.update(caller.orgId(), id, name, request.description() == null ? before.description() : request.description());
		var after = get(caller, id);
		audit.updated(caller, "domain", id, before, after);
		return after;
	}

	static String slugOf(String name) {
		var slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
		return slug.isEmpty() ? "domain" : slug.substring(0, Math.min(50, slug.length()));
	}

	record NewDomain(@Pattern(regexp = "[a-z0-9][a-z0-9-]*", message = "may contain a-z, 0-9 and '-'") @Size(max = 50) String slug,
			@NotBlank @Size(max = 200) String name, @Size(max = 4000) String description) {
	}

	record DomainChanges(@Size(min = 1, max = 200) String name, @Size(max = 4000) String description) {
	}
}
