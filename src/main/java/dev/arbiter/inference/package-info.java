/**
 * Clients for upstream model APIs (OpenAI-compatible, Anthropic), token estimation, cost, and the
 * simulator ({@code inference.simulator}, a named interface) that tests, benchmarks and
 * {@code arbiter simulate} use as a stand-in for real models.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inference")
package dev.arbiter.inference;
