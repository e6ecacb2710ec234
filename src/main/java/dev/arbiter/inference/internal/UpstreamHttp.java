package dev.arbiter.inference.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Sends one attempt over the shared HTTP/1.1 client and reads its JSON answer, within three limits:
 * the connect timeout (the client's), the first-byte timeout (until the response headers; the
 * request's timeout) and the call's deadline (until the whole body is read). Anything but a
 * readable 2xx answer becomes an {@link AttemptFailed}.
 */
public final class UpstreamHttp {

	private static final int SNIPPET = 300;

	private final HttpClient client;

	private final Duration connectTimeout;

	private final Duration firstByteTimeout;

	public UpstreamHttp(Duration connectTimeout, Duration firstByteTimeout) {
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.connectTimeout = connectTimeout;
		this.firstByteTimeout = firstByteTimeout;
	}

	/** An answer read by the wire format, and how long the attempt took from sending to the body's end. */
	public record Answered<T>(T value, double latencyMs) {
	}

	public <T> Answered<T> exchange(HttpRequest.Builder builder, Deadline deadline, Function<JsonNode, T> reader) {
		Duration remaining = deadline.remaining();
		if (remaining.isZero()) {
			throw AttemptFailed.timeout("the total timeout passed before the attempt", 0, null);
		}
		HttpRequest request = builder.timeout(min(firstByteTimeout, remaining)).build();
		long start = System.nanoTime();
		CompletableFuture<HttpResponse<byte[]>> pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
		HttpResponse<byte[]> response;
		try {
			response = pending.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			pending.cancel(true);
			throw AttemptFailed.timeout(request.method() + " " + request.uri() + ": no complete answer within the total timeout",
					millisSince(start), null);
		}
		catch (InterruptedException ex) {
			pending.cancel(true);
			Thread.currentThread().interrupt();
			throw AttemptFailed.interrupted(millisSince(start));
		}
		catch (ExecutionException | CancellationException ex) {
			throw failed(request, unwrap(ex), millisSince(start));
		}
		double latencyMs = millisSince(start);
		return new Answered<>(read(request, response, reader, latencyMs), latencyMs);
	}

	private <T> T read(HttpRequest request, HttpResponse<byte[]> response, Function<JsonNode, T> reader, double latencyMs) {
		int status = response.statusCode();
		String where = request.method() + " " + request.uri();
		if (status < 200 || status > 299) {
			Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now());
			throw AttemptFailed.status(status, retryAfter, latencyMs, where + " answered " + status + ": " + snippet(response.body()));
		}
		try {
			return reader.apply(Json.MAPPER.readTree(response.body()));
		}
		catch (JacksonException ex) {
			throw AttemptFailed.badResponse(where + " answered " + status + " with a body that is not JSON: "
					+ snippet(response.body()), status, latencyMs);
		}
		catch (UnexpectedAnswer ex) {
			throw AttemptFailed.badResponse(where + " answered " + status + " with an unexpected body (" + ex.getMessage()
					+ "): " + snippet(response.body()), status, latencyMs);
		}
	}

	private AttemptFailed failed(HttpRequest request, Throwable cause, double latencyMs) {
		String where = request.method() + " " + request.uri();
		if (cause instanceof HttpConnectTimeoutException) {
			return AttemptFailed.connect(where + ": could not connect within " + connectTimeout.toMillis() + " ms", latencyMs, cause);
		}
		if (cause instanceof HttpTimeoutException) {
			return AttemptFailed.timeout(where + ": no response headers within " + request.timeout().orElse(firstByteTimeout).toMillis() + " ms",
					latencyMs, cause);
		}
		if (cause instanceof IOException) {
			return AttemptFailed.connect(where + ": connection failed: " + describe(cause), latencyMs, cause);
		}
		return AttemptFailed.badResponse(where + ": " + cause, null, latencyMs);
	}

	private static String describe(Throwable cause) {
		return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String snippet(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
		return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "…";
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	private static double millisSince(long startNanos) {
		return (System.nanoTime() - startNanos) / 1_000_000.0;
	}
}
