package dev.arbiter.registry.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Inference hosts. {@code apiKey} is write-only: stored encrypted, shown only as {@code hasApiKey}. */
@RestController
@RequestMapping("/api/v1/agents")
class AgentController {

	private final Agents agents;

	private final SecretBox secrets;

	private final AuditLog audit;

	AgentController(Agents agents, SecretBox secrets, AuditLog audit) {
		this.agents = agents;
		this.secrets = secrets;
		this.audit = audit;
	}

	@GetMapping
	Page<Agents.Agent> list(Caller caller, PageRequest page) {
		return agents.page(caller.orgId(), page);
	}

	@GetMapping("/{id}")
	Agents.Agent get(Caller caller, @PathVariable UUID id) {
		return agents.byId(caller.orgId(), id).orElseThrow(() -> new NotFound("Agent", id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Agents.Agent create(Caller caller, @Valid @RequestBody NewAgent request) {
		requireFreeName(caller, request.name(), null);
		var agent = new Agents.Agent(UUID.randomUUID(), request.name(), baseUrl(request.baseUrl()), request.apiType(),
				false, request.gpuMemoryGb(), request.maxConcurrency(), request.maxContext(), request.maxModels(), request.features(),
				request.status() == null ? "active" : request.status(), null, null);
		agents.save(caller.orgId(), agent, encrypt(request.apiKey()), true);
		var created = get(caller, agent.id());
		audit.created(caller, "agent", agent.id(), created);
		return created;
	}

	/** Changes what is given; {@code "apiKey": ""} removes the stored key. */
	@PatchMapping("/{id}")
	@Transactional
	Agents.Agent update(Caller caller, @PathVariable UUID id, @Valid @RequestBody AgentChanges request) {
		var before = get(caller, id);
		var name = request.name() == null ? before.name() : request.name();
		requireFreeName(caller, name, id);
		var changed = new Agents.Agent(id, name, request.baseUrl() == null ? before.baseUrl() : baseUrl(request.baseUrl()),
				request.apiType() == null ? before.apiType() : request.apiType(), false,
				request.gpuMemoryGb() == null ? before.gpuMemoryGb() : request.gpuMemoryGb(),
				request.maxConcurrency() == null ? before.maxConcurrency() : request.maxConcurrency(),
				request.maxContext() == null ? before.maxContext() : request.maxContext(),
				request.maxModels() == null ? before.maxModels() : request.maxModels(),
				request.features() == null ? before.features() : request.features(),
				request.status() == null ? before.status() : request.status(), null, null);
		var key = request.apiKey() == null ? agents.encryptedKey(caller.orgId(), id).orElse(null) : encrypt(request.apiKey());
		agents.save(caller.orgId(), changed, key, false);
		var after = get(caller, id);
		audit.updated(caller, "agent", id, before, after);
		return after;
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void delete(Caller caller, @PathVariable UUID id) {
		var before = get(caller, id);
		agents.delete(caller.orgId(), id);
		audit.deleted(caller, "agent", id, before);
	}

	private String encrypt(String apiKey) {
		return apiKey == null || apiKey.isEmpty() ? null : secrets.encrypt(apiKey);
	}

	private static String baseUrl(String url) {
		try {
			var uri = URI.create(url);
			if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
				throw new IllegalArgumentException();
			}
		}
		catch (IllegalArgumentException e) {
			throw new InvalidInput("baseUrl", "must be an http or https URL such as http://127.0.0.1:8000/v1");
		}
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	private void requireFreeName(Caller caller, String name, UUID self) {
		agents.byName(caller.orgId(), name).filter(other -> !other.id().equals(self)).ifPresent(other -> {
			throw new Conflict("name", "An agent named '" + name + "' already exists");
		});
	}

	record NewAgent(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 1000) String baseUrl,
			@NotBlank @Pattern(regexp = "openai|anthropic", message = "must be openai or anthropic") String apiType,
			@Size(max = 1000) String apiKey, @DecimalMin("0") BigDecimal gpuMemoryGb, @Positive Integer maxConcurrency,
			@Positive Integer maxContext, @Positive Integer maxModels, List<@NotBlank String> features,
			@Pattern(regexp = "active|inactive|draining", message = "must be active, inactive or draining") String status) {
	}

	record AgentChanges(@Size(min = 1, max = 200) String name, @Size(min = 1, max = 1000) String baseUrl,
			@Pattern(regexp = "openai|anthropic", message = "must be openai or anthropic") String apiType,
			@Size(max = 1000) String apiKey, @DecimalMin("0") BigDecimal gpuMemoryGb, @Positive Integer maxConcurrency,
			@Positive Integer maxContext, @Positive Integer maxModels, List<@NotBlank String> features,
			@Pattern(regexp = "active|inactive|draining", message = "must be active, inactive or draining") String status) {
	}
}
