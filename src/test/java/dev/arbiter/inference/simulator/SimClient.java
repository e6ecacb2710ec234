package dev.arbiter.inference.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A small OpenAI-style client over real HTTP, for the simulator's tests. */
final class SimClient {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI base;

	SimClient(Simulator simulator) {
		this.base = simulator.baseUri();
	}

	static ObjectNode chat(String model, String userMessage) {
		ObjectNode body = JSON.createObjectNode();
		body.put("model", model);
		ObjectNode message = body.putArray("messages").addObject();
		message.put("role", "user");
		message.put("content", userMessage);
		return body;
	}

	HttpResponse<String> post(String path, String body, String... headers) {
		return join(postAsync(path, body, headers));
	}

	HttpResponse<String> post(ObjectNode body, String... headers) {
		return post("/chat/completions", body.toString(), headers);
	}

	CompletableFuture<HttpResponse<String>> postAsync(String path, String body, String... headers) {
		var request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) {
		var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).GET().build();
		return join(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
	}

	/** The content of each completion, sent with at most {@code concurrency} requests in flight. */
	List<String> contents(List<ObjectNode> bodies, int concurrency) {
		var results = new ArrayList<String>(bodies.size());
		for (int start = 0; start < bodies.size(); start += concurrency) {
			var batch = bodies.subList(start, Math.min(bodies.size(), start + concurrency))
				.stream()
				.map(body -> postAsync("/chat/completions", body.toString()))
				.toList();
			for (var future : batch) {
				HttpResponse<String> response = future.join();
				if (response.statusCode() != 200) {
					throw new AssertionError("status " + response.statusCode() + ": " + response.body());
				}
				results.add(content(response));
			}
		}
		return results;
	}

	static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	static String content(HttpResponse<String> response) {
		return json(response).path("choices").path(0).path("message").path("content").stringValue();
	}

	private static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw new UncheckedIOException(io);
			}
			throw ex;
		}
	}

}
