package dev.arbiter.tenancy;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.ServletRequest;

import dev.arbiter.shared.Forbidden;

/**
 * Who is calling: the organization every query is scoped to, the API key, its user if any, and
 * the role. Controllers receive it as a method parameter.
 *
 * @param actor how the audit log names the caller, e.g. {@code key:arb_3kq9…}
 */
public record Caller(UUID orgId, UUID keyId, UUID userId, Role role, String actor) {

	/**
	 * The request attribute the API-key filter puts the caller in, for code that handles requests
	 * outside Spring MVC (where controllers get it as a method parameter).
	 */
	public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

	/** The caller the API-key filter found for this request; empty outside the authenticated paths. */
	public static Optional<Caller> of(ServletRequest request) {
		return request.getAttribute(REQUEST_ATTRIBUTE) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
	}

	/** The server itself, for work it does on its own (first start, background jobs). */
	public static Caller system(UUID orgId) {
		return new Caller(orgId, null, null, Role.OWNER, "system");
	}

	public Caller requireAtLeast(Role needed) {
		if (!role.atLeast(needed)) {
			throw new Forbidden("This needs the " + needed + " role; the key has " + role);
		}
		return this;
	}
}
