/**
 * The LLM simulator: an OpenAI-compatible HTTP server with fake models of configurable quality,
 * speed and error rate, for tests and benchmarks to use as their upstream. It needs no Spring.
 * Start it with {@link dev.arbiter.inference.simulator.Simulator#start} and a
 * {@link dev.arbiter.inference.simulator.SimulatorConfig} (YAML or code).
 *
 * <h2>Answers</h2>
 * The last user message of a request (trimmed, whitespace collapsed) is looked up among the
 * dataset prompts, first exactly, then as the longest known prompt contained in it. A known item is
 * answered correctly with the model's accuracy for the item's domain ({@code default} otherwise).
 * Numbers and single letters are phrased with the answer template ({@code The answer is 42.},
 * {@code The answer is B.}); other answers are sent verbatim. Wrong answers keep the kind: another
 * number, another letter, yes↔no, or another answer of the same domain. Unknown prompts get a filler
 * reply of about the model's mean output tokens. Known items carry {@code X-Sim-Correct}.
 *
 * <h2>Determinism</h2>
 * Every decision is a function of (config seed, model, normalised message, ordinal), where the
 * ordinal is the request's {@code seed} field if present, else the number of earlier calls for
 * that model and message. Correctness uses a Weyl sequence over the items of a domain, so the
 * observed accuracy over a domain is within a fraction of a percent of the configured one.
 *
 * <h2>Faults and latency</h2>
 * {@code errorRate} answers 500 after {@code ttftMs}; {@code rateLimitRate} answers 429 with
 * {@code Retry-After: 1} at once; {@code X-Sim-Force: error|ratelimit|timeout} forces them (timeout
 * holds the connection for {@code forceTimeoutMs}, then closes it unanswered). Latency is
 * log-normal, fitted to the median and p95, clamped at ±5σ; streams send the first content chunk at
 * {@code ttftMs} and spread at most 16 content chunks evenly until the sampled latency.
 */
@org.springframework.modulith.NamedInterface("simulator")
package dev.arbiter.inference.simulator;
