package dev.arbiter.tenancy.internal;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.arbiter.shared.Conflict;
import dev.arbiter.shared.InvalidInput;
import dev.arbiter.shared.NotFound;
import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;
import dev.arbiter.tenancy.AuditLog;
import dev.arbiter.tenancy.Caller;
import dev.arbiter.tenancy.Role;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
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
@RequestMapping("/api/v1/users")
class UserController {

	private final Users users;

	private final AuditLog audit;

	private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();

	UserController(Users users, AuditLog audit) {
		this.users = users;
		this.audit = audit;
	}

	@GetMapping
	Page<Users.Member> list(Caller caller, PageRequest page) {
		return users.page(caller.orgId(), page);
	}

	@GetMapping("/{id}")
	Users.Member get(Caller caller, @PathVariable UUID id) {
		return users.member(caller.orgId(), id).orElseThrow(() -> new NotFound("User", id));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	Users.Member create(Caller caller, @Valid @RequestBody NewUser request) {
		caller.requireAtLeast(Role.ADMIN);
		requireGrantable(caller, request.role());
		if (users.usernameTaken(request.username())) {
			throw new Conflict("username", "The username '" + request.username() + "' is taken");
		}
		if (users.emailTaken(request.email(), null)) {
			throw new Conflict("email", "The email '" + request.email() + "' is taken");
		}
		var id = users.insert(caller.orgId(), request.username(), request.email(), passwords.encode(request.password()),
				request.role());
		var created = get(caller, id);
		audit.created(caller, "user", id, created);
		return created;
	}

	@PatchMapping("/{id}")
	@Transactional
	Users.Member update(Caller caller, @PathVariable UUID id, @Valid @RequestBody UserChanges request) {
		caller.requireAtLeast(Role.ADMIN);
		var before = get(caller, id);
		if (request.role() != null) {
			requireGrantable(caller, request.role());
		}
		if (request.email() != null && users.emailTaken(request.email(), id)) {
			throw new Conflict("email", "The email '" + request.email() + "' is taken");
		}
		users.update(caller.orgId(), id, request.email(),
				request.password() == null ? null : passwords.encode(request.password()), request.active(), request.role());
		var after = get(caller, id);
		audit.updated(caller, "user", id, before, after);
		return after;
	}

	@DeleteMapping("/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Transactional
	void remove(Caller caller, @PathVariable UUID id) {
		caller.requireAtLeast(Role.ADMIN);
		var before = get(caller, id);
		users.remove(caller.orgId(), id);
		audit.deleted(caller, "user", id, before);
	}

	private static void requireGrantable(Caller caller, Role role) {
		if (!caller.role().atLeast(role)) {
			throw new InvalidInput("role", "cannot grant " + role + ", which is more than your own role (" + caller.role() + ")");
		}
	}

	record NewUser(
			@NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "may contain letters, digits, '.', '_' and '-'") String username,
			@NotBlank @Email @Size(max = 320) String email,
			@NotBlank @Size(min = 8, max = 72, message = "must be 8 to 72 characters") String password,
			@NotNull Role role) {
	}

	record UserChanges(@Email @Size(max = 320) String email,
			@Size(min = 8, max = 72, message = "must be 8 to 72 characters") String password, Boolean active, Role role) {
	}
}
