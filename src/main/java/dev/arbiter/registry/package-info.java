/**
 * Providers, models (versions, status, capabilities, tiers, context windows), their price and
 * generation-parameter history, agents (inference hosts) and assignments (which agent serves
 * which model), with capability matching and Hungarian auto-assignment of models to agents.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registry")
package dev.arbiter.registry;
