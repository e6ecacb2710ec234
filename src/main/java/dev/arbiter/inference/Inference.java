package dev.arbiter.inference;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.retry.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.arbiter.inference.internal.AgentLimits;
import dev.arbiter.inference.internal.AttemptFailed;
import dev.arbiter.inference.internal.Backoff;
import dev.arbiter.inference.internal.Deadline;
import dev.arbiter.inference.internal.InferenceClient;
import dev.arbiter.inference.internal.Reply;
import dev.arbiter.inference.internal.RetryPolicy;
import dev.arbiter.inference.internal.TokenEstimate;
import dev.arbiter.inference.internal.UpstreamHttp;
import dev.arbiter.inference.internal.UpstreamHttp.Answered;
import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.registry.ModelCatalog.Price;
import dev.arbiter.registry.ModelCatalog.Upstream;
import dev.arbiter.shared.Time;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Calls upstream models: one chat call, with retries on failures that may pass (429, 408, 5xx,
 * timeouts, connection errors), at most {@code maxConcurrency} calls in flight per agent, within the
 * timeouts of {@link InferenceSettings}. Usage comes from the upstream or is estimated; cost from
 * the model's price in force now.
 */
@Component
public class Inference {

	private static final Logger log = LoggerFactory.getLogger(Inference.class);

	private final InferenceSettings settings;

	private final Prices prices;

	private final UpstreamHttp http;

	private final AgentLimits limits;

	private final RetryPolicy retries;

	@Autowired
	Inference(InferenceSettings settings, ModelCatalog catalog) {
		this(settings, catalog::priceAt);
	}

	Inference(InferenceSettings settings, Prices prices) {
		this.settings = settings;
		this.prices = prices;
		this.http = new UpstreamHttp(settings.connectTimeout(), settings.firstByteTimeout());
		this.limits = new AgentLimits(settings.defaultMaxConcurrency());
		this.retries = new RetryPolicy(settings.maxAttempts(), new Backoff(settings.initialBackoff(), settings.maxBackoff()));
	}

	/** The price of a model in force at a time: {@link ModelCatalog#priceAt}, or a stand-in in tests. */
	@FunctionalInterface
	interface Prices {

		Optional<Price> at(UUID orgId, String modelName, OffsetDateTime at);
	}

	/**
	 * Calls the upstream with retries; cost from the model's price in force now (registry), tokens
	 * from usage or estimated.
	 * @throws UpstreamFailed when no attempt succeeded, with what happened to the last one
	 * @throws IllegalArgumentException when the upstream's API type is neither {@code openai} nor {@code anthropic}
	 */
	public ChatResult chat(UUID orgId, Upstream upstream, ChatRequest request) {
		InferenceClient client = InferenceClient.forApiType(upstream.apiType());
		Deadline deadline = Deadline.after(settings.totalTimeout());
		Retry retry = retries.forCall(deadline);
		retry.getEventPublisher()
			.onRetry(event -> log.debug("{}: attempt {} failed ({}), retrying in {}", upstream, event.getNumberOfRetryAttempts(),
					event.getLastThrowable() instanceof AttemptFailed failed ? failed.errorType() : event.getLastThrowable(),
					event.getWaitInterval()));
		var attempts = new AtomicInteger();
		try {
			Answered<Reply> answered = retry.executeSupplier(() -> {
				attempts.incrementAndGet();
				try (var slot = limits.acquire(upstream, deadline)) {
					return http.exchange(client.request(upstream, request), deadline, client::read);
				}
			});
			return result(orgId, upstream, request, answered, attempts.get());
		}
		catch (AttemptFailed failed) {
			throw upstreamFailed(upstream, failed, attempts.get());
		}
	}

	private ChatResult result(UUID orgId, Upstream upstream, ChatRequest request, Answered<Reply> answered, int attempts) {
		Reply reply = answered.value();
		boolean estimated = !reply.hasUsage();
		int tokensIn = reply.tokensIn() != null ? reply.tokensIn() : TokenEstimate.prompt(request.messages());
		int tokensOut = reply.tokensOut() != null ? reply.tokensOut() : TokenEstimate.count(reply.content());
		var cost = prices.at(orgId, upstream.model(), Time.now()).map(price -> price.cost(tokensIn, tokensOut)).orElse(null);
		return new ChatResult(reply.content(), reply.finishReason(), tokensIn, tokensOut, estimated, answered.latencyMs(),
				null, cost, attempts, upstream.upstreamModel());
	}

	/** What happened to the last attempt, with its transport error (if any) as the cause. */
	private static UpstreamFailed upstreamFailed(Upstream upstream, AttemptFailed failed, int attempts) {
		var failure = new UpstreamFailed(failed.errorType(), failed.status(), failed.retryable(), failed.retryAfter(), attempts,
				failed.latencyMs(), redacted(upstream + ": " + failed.getMessage(), upstream.apiKey()));
		if (failed.getCause() != null) {
			failure.initCause(failed.getCause());
		}
		return failure;
	}

	/** An upstream may echo the key it was sent in an error body; it never leaves here. */
	private static String redacted(String message, String apiKey) {
		return apiKey == null || apiKey.length() < 4 ? message : message.replace(apiKey, "[redacted]");
	}
}
