/**
 * Organizations, users, roles, API keys, authentication and the audit log. Every other module
 * gets the {@link dev.arbiter.tenancy.Caller} of a request from here and scopes its queries by
 * the caller's organization.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Tenancy")
package dev.arbiter.tenancy;
