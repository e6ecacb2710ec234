package dev.arbiter.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests over real sockets: JSON in, {@link Response} out. */
public final class Api {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	private final String key;

	public Api(String base, String key) {
		this.base = base;
		this.key = key;
	}

	public Api as(String otherKey) {
		return new Api(base, otherKey);
	}

	public Response get(String path) {
		return send("GET", path, null, "application/json");
	}

	public Response post(String path, Object body) {
		return send("POST", path, body, "application/json");
	}

	public Response patch(String path, Object body) {
		return send("PATCH", path, body, "application/json");
	}

	public Response put(String path, Object body) {
		return send("PUT", path, body, "application/json");
	}

	public Response delete(String path) {
		return send("DELETE", path, null, "application/json");
	}

	/** Sends a body exactly as given (for malformed JSON). */
	public Response postRaw(String path, String body) {
		return send("POST", path, new Raw(body), "application/json");
	}

	/** Sends {@code body} as it is with the given content type, e.g. a dataset file. */
	public Response postText(String path, String contentType, String body) {
		return send("POST", path, new Raw(body), contentType);
	}

	private record Raw(String text) {
	}

	private Response send(String method, String path, Object body, String contentType) {
		var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
		if (key != null) {
			builder.header("Authorization", "Bearer " + key);
		}
		HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
		if (body != null) {
			var text = body instanceof Raw raw ? raw.text() : body instanceof String s ? s : JSON.writeValueAsString(body);
			publisher = HttpRequest.BodyPublishers.ofString(text);
			builder.header("Content-Type", contentType);
		}
		try {
			var response = CLIENT.send(builder.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
			var text = response.body();
			JsonNode json = text == null || text.isBlank() ? null : parseOrNull(text);
			return new Response(response.statusCode(), json, text,
					response.headers().firstValue("Content-Type").orElse(""));
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	private static JsonNode parseOrNull(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (RuntimeException e) {
			return null;
		}
	}

	public record Response(int status, JsonNode json, String body, String contentType) {

		public String text(String field) {
			return json.path(field).asString();
		}

		public String id() {
			return text("id");
		}

		@Override
		public String toString() {
			return status + " " + body;
		}
	}
}
