/**
 * How upstream calls are made: the wire formats ({@link dev.arbiter.inference.internal.InferenceClient}
 * for OpenAI-compatible and Anthropic APIs), the shared HTTP transport with its timeouts, retries
 * with backoff, the per-agent concurrency limits and token estimates.
 */
package dev.arbiter.inference.internal;
