package dev.arbiter.routing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.routing.GatewaySettings;

import org.springframework.stereotype.Component;

/**
 * Forwards a Chat Completions body, as bytes, to an OpenAI-compatible agent and hands back the
 * response once its headers arrive, so the gateway can still fall back before anything reaches
 * its client.
 */
@Component
class UpstreamProxy {

	private final HttpClient http;

	private final GatewaySettings settings;

	UpstreamProxy(GatewaySettings settings) {
		this.settings = settings;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.connectTimeout()).build();
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
	}

	Answer send(ModelCatalog.Upstream upstream, byte[] body, boolean stream) {
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
