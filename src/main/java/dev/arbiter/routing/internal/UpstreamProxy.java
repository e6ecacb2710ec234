package dev.arbiter.routing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import dev.arbiter.inference.AnthropicMessages;
import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.routing.GatewaySettings;

import org.springframework.stereotype.Component;

/**
 * Forwards a Chat Completions body, as bytes, to an OpenAI-compatible agent (or a Messages API body
 * to an Anthropic one) and hands back the
 * response once its headers arrive, so the gateway can still fall back before anything reaches
 * its client. The call runs on the request's own thread over a pooled keep-alive connection
 * (Apache HttpClient's classic API), so a request costs no thread hand-offs. A connection error
 * before any response is retried once on the same agent; the first byte must arrive within
 * {@code firstByteTimeout} (which also bounds every later pause in a stream), and a non-streamed
 * body must arrive in full within {@code totalTimeout} of the request: a watchdog aborts calls
 * past their deadline.
 */
@Component
class UpstreamProxy {

	private static final ContentType JSON = ContentType.APPLICATION_JSON;

	private final CloseableHttpClient http;

	private final GatewaySettings settings;

	/** Calls in flight with their deadline in {@link System#nanoTime()}: the watchdog aborts the late ones. */
	private final Map<HttpPost, Long> deadlines = new ConcurrentHashMap<>();

	private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
		var thread = new Thread(runnable, "gateway-deadlines");
		thread.setDaemon(true);
		return thread;
	});

	UpstreamProxy(GatewaySettings settings) {
		this.settings = settings;
		var connections = PoolingHttpClientConnectionManagerBuilder.create()
			// per-route pools without a global lock: with many request threads the strict pool's lock is contended
			.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
			.setMaxConnTotal(4096)
			.setMaxConnPerRoute(1024)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(settings.connectTimeout()))
				.setSocketTimeout(Timeout.of(settings.firstByteTimeout()))
				.setValidateAfterInactivity(TimeValue.ofSeconds(2))
				.build())
			.build();
		this.http = HttpClients.custom()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(settings.firstByteTimeout())).build())
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.build();
		long tick = Math.max(50, Math.min(1000, settings.totalTimeout().toMillis() / 4));
		watchdog.scheduleWithFixedDelay(this::abortLateCalls, tick, tick, TimeUnit.MILLISECONDS);
	}

	@PreDestroy
	void stop() {
		watchdog.shutdownNow();
		http.close(CloseMode.GRACEFUL);
	}

	/** An upstream's response whose body is still to be read. */
	static final class Exchange {

		private final HttpPost request;

		private final ClassicHttpResponse response;

		private final UpstreamProxy proxy;

		private Exchange(HttpPost request, ClassicHttpResponse response, UpstreamProxy proxy) {
			this.request = request;
			this.response = response;
			this.proxy = proxy;
		}

		String header(String name) {
			Header header = response.getFirstHeader(name);
			return header == null ? null : header.getValue();
		}

		/** The body; reading it to the end and closing it gives the connection back to the pool. */
		InputStream body() throws IOException {
			return response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent();
		}

		/** Ends the exchange: a body read in full keeps its connection alive, anything else drops it. */
		void close() {
			proxy.deadlines.remove(request);
			try {
				response.close();
			}
			catch (IOException e) {
				// the connection is discarded either way
			}
		}
	}

	/** The upstream's answer with its body still to be read, or why there is none. */
	record Answer(int status, Exchange exchange, String errorType, String error, double latencyMs) {

		boolean ok() {
			return exchange != null && status >= 200 && status < 300;
		}

		/** 429, 408 and 5xx, timeouts and connection errors: another candidate may do better. */
		boolean worthAnotherCandidate() {
			return exchange == null || status == 429 || status == 408 || status >= 500;
		}

		/** How long a 429 asks to wait ({@code Retry-After} in seconds), or {@code fallback}. */
		Duration retryAfter(Duration fallback) {
			var value = exchange == null ? null : exchange.header("Retry-After");
			if (value == null) {
				return fallback;
			}
			try {
				long seconds = Long.parseLong(value.trim());
				return seconds >= 0 ? Duration.ofSeconds(seconds) : fallback;
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
	 * of the request (the watchdog aborts it then) or the connection broke. The exchange is closed
	 * either way.
	 */
	byte[] readAll(Answer answer) {
		var exchange = answer.exchange();
		try (var in = exchange.body()) {
			return in.readAllBytes();
		}
		catch (IOException e) {
			return null;
		}
		finally {
			exchange.close();
		}
	}

	private Answer sendOnce(ModelCatalog.Upstream upstream, byte[] body, boolean stream) {
		boolean anthropic = "anthropic".equals(upstream.apiType());
		var base = upstream.baseUrl().endsWith("/") ? upstream.baseUrl().substring(0, upstream.baseUrl().length() - 1) : upstream.baseUrl();
		var request = new HttpPost(base + (anthropic ? "/messages" : "/chat/completions"));
		request.setHeader("Accept", stream ? "text/event-stream" : "application/json");
		if (anthropic) {
			request.setHeader("anthropic-version", AnthropicMessages.VERSION);
		}
		if (upstream.apiKey() != null && !upstream.apiKey().isBlank()) {
			request.setHeader(anthropic ? "x-api-key" : "Authorization", anthropic ? upstream.apiKey() : "Bearer " + upstream.apiKey());
		}
		request.setEntity(new ByteArrayEntity(body, JSON));
		long start = System.nanoTime();
		if (!stream) {
			deadlines.put(request, start + settings.totalTimeout().toNanos());
		}
		try {
			var response = http.executeOpen(null, request, null);
			int status = response.getCode();
			return new Answer(status, new Exchange(request, response, this), status >= 300 ? "http_" + status : null, null,
					(System.nanoTime() - start) / 1e6);
		}
		catch (IOException e) {
			deadlines.remove(request);
			return failed(e, upstream, (System.nanoTime() - start) / 1e6);
		}
	}

	/** Why a call got no response, as an answer: connection errors are retried, timeouts are not. */
	private Answer failed(IOException e, ModelCatalog.Upstream upstream, double latencyMs) {
		if (e instanceof ConnectTimeoutException || e instanceof ConnectException) {
			return new Answer(0, null, "connect", "cannot connect to " + upstream.baseUrl(), latencyMs);
		}
		if (e instanceof SocketTimeoutException) {
			return new Answer(0, null, "timeout", "no response within " + settings.firstByteTimeout().toMillis() / 1000.0 + " s", latencyMs);
		}
		if (e instanceof InterruptedIOException) {
			return new Answer(0, null, "timeout", "aborted after " + settings.totalTimeout().toSeconds() + " s", latencyMs);
		}
		return new Answer(0, null, "connect", e.toString(), latencyMs);
	}

	private void abortLateCalls() {
		long now = System.nanoTime();
		deadlines.forEach((request, deadline) -> {
			if (now - deadline > 0 && deadlines.remove(request) != null) {
				request.cancel();
			}
		});
	}
}
