/**
 * Routing: the gateway, the domain classifier, strategies, resilience, the decision log, feedback,
 * the verifier and recommendations. So far: the {@link dev.arbiter.routing.DomainClassifier}, which
 * tells which of an organization's domains a query belongs to.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Routing")
package dev.arbiter.routing;
