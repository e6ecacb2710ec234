package dev.arbiter.tenancy.internal;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Writes a refused request's answer before any handler runs: a problem detail under {@code /api/},
 * OpenAI-style error JSON under {@code /v1/} (the gateway's clients expect that shape).
 */
final class Rejection {

	private final ObjectMapper json;

	Rejection(ObjectMapper json) {
		this.json = json;
	}

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message) throws IOException {
		response.setStatus(status.value());
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		if (request.getRequestURI().startsWith("/v1/")) {
			response.setContentType("application/json");
			var code = status == HttpStatus.UNAUTHORIZED ? "invalid_api_key" : "insufficient_permissions";
			json.writeValue(response.getOutputStream(), Map.of("error",
					Map.of("message", message, "type", "invalid_request_error", "code", code)));
			return;
		}
		var problem = ProblemDetail.forStatusAndDetail(status, message);
		problem.setTitle(status.getReasonPhrase());
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setContentType("application/problem+json");
		json.writeValue(response.getOutputStream(), problem);
	}
}
