package dev.arbiter.routing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.routing.GatewaySettings;

import org.springframework.stereotype.Component;

/**
 * Forwards a Chat Completions body, as bytes, to an OpenAI-compatible agent and hands back the
 * response once its headers arrive, so the gateway can still fall back before anything reaches
 * its client. A connection error before any response is retried once on the same agent; a
 * non-streamed body must arrive in full within {@code totalTimeout} of the request.
 */
@Component
class UpstreamProxy {

	private final HttpClient http;

	private final GatewaySettings settings;

	private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
		var thread = new Thread(runnable, "gateway-deadlines");
		thread.setDaemon(true);
		return thread;
	});

	UpstreamProxy(GatewaySettings settings) {
		this.settings = settings;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.connectTimeout()).build();
	}

	@PreDestroy
	void stop() {
		deadlines.shutdownNow();
	}

	/** The upstream's answer with its body still to be read, or why there is none. */
	record Answer(int status, HttpResponse<InputStream> response, String errorType, String error, double latencyMs) {

		boolean ok() {
			return response != null && status >= 200 && status < 300;
		}

		/** 429, 408 and 5xx, timeouts and connection errors: another candidate may do better. */
		boolean worthAnotherCandidate() {
			return response == null || status == 429 || status == 408 || status >= 500;
		}

		/** How long a 429 asks to wait ({@code Retry-After} in seconds), or {@code fallback}. */
		Duration retryAfter(Duration fallback) {
			if (response == null) {
				return fallback;
			}
			try {
				return response.headers().firstValue("Retry-After").map(String::trim).map(Long::parseLong).filter(s -> s >= 0)
					.map(Duration::ofSeconds).orElse(fallback);
			}
			catch (NumberFormatException e) {
				return fallback;
			}
		}

		/** The same call, failed: its body did not arrive in time. */
		Answer timedOut(String why, double latencyMs) {
			return new Answer(0, null, "timeout", why, latencyMs);
		}
	}

	Answer send(ModelCatalog.Upstream upstream, byte[] body, boolean stream) {
		var answer = sendOnce(upstream, body, stream);
		return "connect".equals(answer.errorType()) ? sendOnce(upstream, body, stream) : answer;
	}

	/**
	 * Reads a non-streamed body in full, or null when it did not arrive within {@code totalTimeout}
	 * of {@code startedNanos} (the stream is closed then) or the connection broke.
	 */
	byte[] readAll(Answer answer, long startedNanos) {
		var in = answer.response().body();
		long left = settings.totalTimeout().toNanos() - (System.nanoTime() - startedNanos);
		var expired = new AtomicBoolean();
		var closer = deadlines.schedule(() -> {
			expired.set(true);
			try {
				in.close();
			}
			catch (IOException e) {
				// closed either way
			}
		}, Math.max(0, left), TimeUnit.NANOSECONDS);
		try (in) {
			var bytes = in.readAllBytes();
			return expired.get() ? null : bytes;
		}
		catch (IOException e) {
			return null;
		}
		finally {
			closer.cancel(false);
		}
	}

	private Answer sendOnce(ModelCatalog.Upstream upstream, byte[] body, boolean stream) {
		var builder = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/chat/completions"))
			.timeout(settings.firstByteTimeout())
			.header("Content-Type", "application/json")
			.header("Accept", stream ? "text/event-stream" : "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (upstream.apiKey() != null) {
			builder.header("Authorization", "Bearer " + upstream.apiKey());
		}
		long start = System.nanoTime();
		try {
			var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
			return new Answer(response.statusCode(), response, response.statusCode() >= 300 ? "http_" + response.statusCode() : null,
					null, (System.nanoTime() - start) / 1e6);
		}
		catch (HttpTimeoutException e) {
			return new Answer(0, null, "timeout", "no response within " + settings.firstByteTimeout().toSeconds() + " s",
					(System.nanoTime() - start) / 1e6);
		}
		catch (ConnectException e) {
			return new Answer(0, null, "connect", "cannot connect to " + upstream.baseUrl(), (System.nanoTime() - start) / 1e6);
		}
		catch (IOException e) {
			return new Answer(0, null, "connect", e.toString(), (System.nanoTime() - start) / 1e6);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Answer(0, null, "interrupted", "interrupted", (System.nanoTime() - start) / 1e6);
		}
	}
}
