package dev.arbiter.tenancy.internal;

import dev.arbiter.shared.Time;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.arbiter.shared.InvalidInput;
import dev.arbiter.shared.NotFound;
import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;
import dev.arbiter.tenancy.AuditLog;
import dev.arbiter.tenancy.Caller;
import dev.arbiter.tenancy.Role;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/api-keys")
class ApiKeyController {

	private final ApiKeys keys;

	private final Users users;

	private final AuditLog audit;

	private final ApiKeyAuthenticationFilter authentication;

	ApiKeyController(ApiKeys keys, Users users, AuditLog audit, ApiKeyAuthenticationFilter authentication) {
		this.keys = keys;
		this.users = users;
		this.audit = audit;
		this.authentication = authentication;
	}

	@GetMapping
	Page<ApiKey> list(Caller caller, PageRequest page) {
		return keys.page(caller.orgId(), page);
	}

	@GetMapping("/{id}")
	ApiKey get(Caller caller, @PathVariable UUID id) {
		return keys.byId(caller.orgId(), id).orElseThrow(() -> new NotFound("API key", id));
	}

	/** Creates a key; the answer is the only time its secret is shown. */
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	CreatedKey create(Caller caller, @Valid @RequestBody NewKey request) {
		caller.requireAtLeast(Role.ADMIN);
		var role = request.role() == null ? Role.MEMBER : request.role();
		if (!caller.role().atLeast(role)) {
			throw new InvalidInput("role", "cannot create a key with more rights (" + role + ") than your own (" + caller.role() + ")");
		}
		if ((request.budgetUsd() == null) != (request.budgetPeriod() == null)) {
			throw new InvalidInput(request.budgetUsd() == null ? "budgetUsd" : "budgetPeriod",
					"budgetUsd and budgetPeriod go together");
		}
		if (request.expiresAt() != null && request.expiresAt().isBefore(Time.now())) {
			throw new InvalidInput("expiresAt", "must be in the future");
		}
		if (request.userId() != null && users.member(caller.orgId(), request.userId()).isEmpty()) {
			throw new NotFound("User", request.userId());
		}
		var secret = ApiKeySecret.generate();
		var key = keys.insert(caller.orgId(), request.userId(), request.name(), secret, role, request.budgetUsd(),
				request.budgetPeriod(), request.expiresAt());
		audit.created(caller, "api_key", key.id(), key);
		return new CreatedKey(key, secret.key());
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void revoke(Caller caller, @PathVariable UUID id) {
		caller.requireAtLeast(Role.ADMIN);
		var before = get(caller, id);
		if (before.revoked()) {
			return;
		}
		keys.revoke(caller.orgId(), id, Time.now());
		audit.deleted(caller, "api_key", id, before);
		authentication.forgetCachedKeys();
	}

	record NewKey(@NotBlank @Size(max = 200) String name, Role role, @DecimalMin("0") BigDecimal budgetUsd,
			@Pattern(regexp = "day|month", message = "must be day or month") String budgetPeriod,
			OffsetDateTime expiresAt, UUID userId) {
	}

	record CreatedKey(@com.fasterxml.jackson.annotation.JsonUnwrapped ApiKey apiKey, String key) {
	}
}
