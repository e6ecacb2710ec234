package dev.arbiter.evaluation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny OpenAI-compatible upstream for scorer tests: asked to grade ("You are grading …") it
 * answers "Score: 8", or with unparseable words when the answer to grade contains "UNGRADABLE";
 * asked "What is A plus B?" it answers "The answer is A+B." like a perfect reference model.
 */
final class GraderStub implements AutoCloseable {

	private static final Pattern SUM = Pattern.compile("What is (\\d+) plus (\\d+)\\?");

	private final HttpServer server;

	GraderStub() throws IOException {
		var json = JsonMapper.builder().build();
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/v1/chat/completions", exchange -> {
			var request = json.readTree(exchange.getRequestBody());
			var messages = request.path("messages");
			var prompt = messages.get(messages.size() - 1).path("content").asString();
			String content;
			if (prompt.startsWith("You are grading")) {
				content = prompt.contains("UNGRADABLE") ? "I would rather not say." : "Score: 8\nMostly right.";
			}
			else {
				var sum = SUM.matcher(prompt);
				content = sum.find() ? "The answer is " + (Long.parseLong(sum.group(1)) + Long.parseLong(sum.group(2))) + "." : "I do not know.";
			}
			var body = json.writeValueAsBytes(java.util.Map.of("id", "stub", "object", "chat.completion", "created", 0, "model",
					request.path("model").asString(), "choices", java.util.List.of(java.util.Map.of("index", 0, "message",
							java.util.Map.of("role", "assistant", "content", content), "finish_reason", "stop")),
					"usage", java.util.Map.of("prompt_tokens", 10, "completion_tokens", 5, "total_tokens", 15)));
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
	}

	@Override
	public void close() {
		server.stop(0);
	}

	static String utf8(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}
}
