package dev.arbiter.inference;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted upstream on 127.0.0.1 for what the simulator cannot do: answers by request number,
 * other wire formats, and a record of every request with its arrival time and the calls in flight.
 */
final class StubUpstream implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	/** What the stub answers to the n-th request (0-based). */
	@FunctionalInterface
	interface Script {

		Reply answer(int n, Request request) throws Exception;
	}

	record Request(String method, String path, Headers headers, String body, long arrivedNanos) {

		JsonNode json() {
			return JSON.readTree(body);
		}
	}

	/**
	 * An answer: its status, headers and body, sent after {@code holdMs}; with {@code stallMs} the
	 * headers and half the body go out at once and the rest that much later.
	 */
	record Reply(int status, Map<String, String> headers, String body, long holdMs, long stallMs) {

		static Reply json(int status, String body) {
			return new Reply(status, Map.of("Content-Type", "application/json"), body, 0, 0);
		}

		Reply header(String name, String value) {
			var copy = new HashMap<>(headers);
			copy.put(name, value);
			return new Reply(status, copy, body, holdMs, stallMs);
		}

		/** Waits this long before answering, as a busy model would. */
		Reply after(long millis) {
			return new Reply(status, headers, body, millis, stallMs);
		}

		/** Sends the headers and half the body, then stalls this long before the rest. */
		Reply stallingBody(long millis) {
			return new Reply(status, headers, body, holdMs, millis);
		}
	}

	private final HttpServer server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private StubUpstream(Script script) {
		try {
			server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		server.createContext("/", exchange -> handle(exchange, script));
		server.setExecutor(threads);
		server.start();
	}

	static StubUpstream answering(Script script) {
		return new StubUpstream(script);
	}

	/** An OpenAI completion with the given content, finish reason and usage (none when {@code usage} is null). */
	static String completion(String content, String finishReason, int[] usage) {
		var body = JSON.createObjectNode();
		body.put("id", "chatcmpl-stub").put("object", "chat.completion").put("model", "stub");
		var choice = body.putArray("choices").addObject();
		choice.put("index", 0).put("finish_reason", finishReason);
		choice.putObject("message").put("role", "assistant").put("content", content);
		if (usage != null) {
			body.putObject("usage").put("prompt_tokens", usage[0]).put("completion_tokens", usage[1])
				.put("total_tokens", usage[0] + usage[1]);
		}
		return body.toString();
	}

	static Reply ok(String content) {
		return Reply.json(200, completion(content, "stop", new int[] { 10, 5 }));
	}

	/** Base URL as agents have it, ending with {@code /v1}. */
	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
	}

	List<Request> requests() {
		return List.copyOf(requests);
	}

	Request lastRequest() {
		return requests.get(requests.size() - 1);
	}

	int maxInFlight() {
		return maxInFlight.get();
	}

	private void handle(HttpExchange exchange, Script script) throws IOException {
		try (exchange) {
			Reply reply = decide(exchange, script);
			reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
			OutputStream out = exchange.getResponseBody();
			if (reply.stallMs() > 0) {
				exchange.sendResponseHeaders(reply.status(), 0);
				out.write(body, 0, body.length / 2);
				out.flush();
				pause(reply.stallMs());
				out.write(body, body.length / 2, body.length - body.length / 2);
			}
			else {
				exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
				out.write(body);
			}
			out.close();
		}
	}

	/** Records the request and decides the answer, counting it in flight until the answer is due. */
	private Reply decide(HttpExchange exchange, Script script) throws IOException {
		maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
		try {
			var request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders(), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
					System.nanoTime());
			int n;
			synchronized (requests) {
				n = requests.size();
				requests.add(request);
			}
			Reply reply = script.answer(n, request);
			pause(reply.holdMs());
			return reply;
		}
		catch (IOException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException("the stub's script failed", ex);
		}
		finally {
			inFlight.decrementAndGet();
		}
	}

	private static void pause(long millis) throws IOException {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("stub stopped", ex);
		}
	}

	@Override
	public void close() {
		server.stop(0);
		threads.shutdownNow();
	}
}
