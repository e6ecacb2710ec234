package dev.arbiter.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI's HTTP client for the REST API. Errors come back as {@link CliFailure} carrying the
 * server's problem detail, so commands print one readable line.
 */
public class ArbiterClient {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final String baseUrl;

	private final String apiKey;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	public ArbiterClient(String baseUrl, String apiKey) {
		this.baseUrl = baseUrl;
		this.apiKey = apiKey;
	}

	public String baseUrl() {
		return baseUrl;
	}

	public JsonNode get(String path) {
		return send(request(path).GET().build());
	}

	public JsonNode post(String path, Object body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
			.build());
	}

	/** Streams a body (e.g. a dataset file) without holding it in memory. */
	public JsonNode postStream(String path, String contentType, Supplier<InputStream> body) {
		return send(request(path).header("Content-Type", contentType)
			.timeout(Duration.ofHours(1))
			.POST(HttpRequest.BodyPublishers.ofInputStream(body))
			.build());
	}

	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(baseUrl + path))
			.timeout(Duration.ofMinutes(5))
			.header("Authorization", "Bearer " + apiKey)
			.header("Accept", "application/json");
	}

	public JsonNode send(HttpRequest request) {
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (ConnectException e) {
			throw new CliFailure("Cannot reach the Arbiter server at " + baseUrl + " (start it with ./arbiter serve, or pass --server)");
		}
		catch (IOException e) {
			throw new CliFailure("Request to " + request.uri() + " failed: " + e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CliFailure("Interrupted");
		}
		JsonNode body = response.body() == null || response.body().isBlank() ? null : parse(response.body());
		if (response.statusCode() >= 400) {
			var detail = body != null && body.has("detail") ? body.path("detail").asString() : response.body();
			throw new CliFailure("The server answered " + response.statusCode() + ": " + detail);
		}
		return body;
	}

	/** Streams a response body (e.g. an export) into {@code out} without holding it in memory. */
	public void download(String path, OutputStream out) {
		var request = request(path).timeout(Duration.ofHours(1)).GET().build();
		HttpResponse<InputStream> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (ConnectException e) {
			throw new CliFailure("Cannot reach the Arbiter server at " + baseUrl + " (start it with ./arbiter serve, or pass --server)");
		}
		catch (IOException e) {
			throw new CliFailure("Request to " + request.uri() + " failed: " + e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CliFailure("Interrupted");
		}
		try (var body = response.body()) {
			if (response.statusCode() >= 400) {
				var text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
				var problem = text.isBlank() ? null : parse(text);
				var detail = problem != null && problem.has("detail") ? problem.path("detail").asString() : text;
				throw new CliFailure("The server answered " + response.statusCode() + ": " + detail);
			}
			body.transferTo(out);
			out.flush();
		}
		catch (IOException e) {
			throw new CliFailure("Reading " + request.uri() + " failed: " + e.getMessage());
		}
	}

	/** {@code value} encoded for a query string. */
	public static String query(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static JsonNode parse(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (RuntimeException e) {
			return JSON.getNodeFactory().stringNode(text);
		}
	}
}
