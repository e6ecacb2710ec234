package dev.arbiter.inference.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.arbiter.inference.simulator.SimulatorConfig.Model;

/**
 * A running LLM simulator: an OpenAI-compatible HTTP server whose models are fakes of configurable
 * quality, speed and error rate. It needs no Spring; it runs on the JDK's HTTP server.
 *
 * <pre>{@code
 * try (Simulator simulator = Simulator.start(SimulatorConfig.load(Path.of("sim.yaml")), 9000)) {
 *     URI api = simulator.baseUri();   // http://127.0.0.1:9000/v1
 *     ...
 * }
 * }</pre>
 *
 * <p>Endpoints: {@code POST /v1/chat/completions} (streaming included), {@code GET /v1/models} and
 * {@code GET /v1/models/{id}}. Every response carries {@code X-Simulator: arbiter-sim}; answers to
 * known items also carry {@code X-Sim-Correct: true|false}. The request header
 * {@code X-Sim-Force: error|ratelimit|timeout} forces a 500, a 429 with {@code Retry-After: 1}, or
 * a connection held for {@link SimulatorConfig#forceTimeoutMs()} and then closed without a reply.
 */
public final class Simulator implements AutoCloseable {

	static {
		// Read by the JDK's server once, when it is first used in this JVM; an explicit setting wins.
		// It writes headers and body separately, so without TCP_NODELAY Nagle's algorithm and delayed
		// ACKs add tens of milliseconds to every response (a third of the throughput at 100 ms).
		defaultProperty("sun.net.httpserver.nodelay", "true");
		// Keep-alive connections beyond 200 idle ones would be closed and reopened under high concurrency.
		defaultProperty("sun.net.httpserver.maxIdleConnections", "1024");
	}

	private static void defaultProperty(String key, String value) {
		if (System.getProperty(key) == null) {
			System.setProperty(key, value);
		}
	}

	private static final int BACKLOG = 1024;

	/** Upper bound of the worker pool on Java 17; work beyond it runs on the thread that hands it over. */
	private static final int MAX_WORKERS = 1024;

	private static final boolean VIRTUAL_THREADS = Runtime.version().feature() >= 21;

	private final HttpServer server;

	private final ScheduledThreadPoolExecutor timers;

	private final ExecutorService workers;

	private final SimulatorConfig config;

	private final CountDownLatch closed = new CountDownLatch(1);

	private Simulator(HttpServer server, ScheduledThreadPoolExecutor timers, ExecutorService workers,
			SimulatorConfig config) {
		this.server = server;
		this.timers = timers;
		this.workers = workers;
		this.config = config;
	}

	/** Starts a simulator on 127.0.0.1; port 0 picks a free port (see {@link #port()}). */
	public static Simulator start(SimulatorConfig config, int port) {
		return start(config, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
	}

	/** Starts a simulator on the given address. */
	public static Simulator start(SimulatorConfig config, InetSocketAddress address) {
		KnownItems items = KnownItems.of(config);
		var timers = new ScheduledThreadPoolExecutor(1, daemonThreads("arbiter-sim-timer-"));
		timers.setRemoveOnCancelPolicy(true);
		ExecutorService workers = workers();
		HttpServer server;
		try {
			server = HttpServer.create(address, BACKLOG);
		}
		catch (IOException ex) {
			timers.shutdownNow();
			workers.shutdownNow();
			throw new UncheckedIOException("cannot bind the simulator to " + address, ex);
		}
		var responder = new Responder(timers, workers);
		var chat = new ChatCompletions(config, items, responder);
		server.createContext("/", exchange -> route(exchange, config, chat, responder));
		// With virtual threads each exchange gets its own. Without them a handoff to a platform thread
		// costs more than the handler itself (which only parses, decides and sets a timer), so the
		// exchange runs on the server's dispatcher thread, as with the JDK server's default executor.
		server.setExecutor(VIRTUAL_THREADS ? workers : null);
		server.start();
		return new Simulator(server, timers, workers, config);
	}

	/** The port the simulator listens on. */
	public int port() {
		return server.getAddress().getPort();
	}

	/** The base URI of the OpenAI-compatible API, such as {@code http://127.0.0.1:9000/v1}. */
	public URI baseUri() {
		InetSocketAddress address = server.getAddress();
		String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
		if (host.contains(":")) {
			host = "[" + host + "]";
		}
		return URI.create("http://" + host + ":" + address.getPort() + "/v1");
	}

	public SimulatorConfig config() {
		return config;
	}

	/** Blocks until {@link #close()} is called, for a command that serves until it is stopped. */
	public void awaitClose() throws InterruptedException {
		closed.await();
	}

	/** Stops listening, drops open connections (held or streaming ones included) and stops the threads. */
	@Override
	public void close() {
		if (closed.getCount() == 0) {
			return;
		}
		server.stop(0);
		timers.shutdownNow();
		workers.shutdownNow();
		closed.countDown();
	}

	private static void route(HttpExchange exchange, SimulatorConfig config, ChatCompletions chat,
			Responder responder) {
		exchange.getResponseHeaders().set(Responder.SIMULATOR_HEADER, Responder.SIMULATOR_NAME);
		String method = exchange.getRequestMethod();
		String path = exchange.getRequestURI().getPath();
		if (path.length() > 1 && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		try {
			if (path.equals("/v1/chat/completions")) {
				requireMethod("POST", method, path);
				chat.handle(exchange);
			}
			else if (path.equals("/v1/models")) {
				requireMethod("GET", method, path);
				responder.jsonLater(exchange, 200, OpenAiWire.models(config.models()), 0);
			}
			else if (path.startsWith("/v1/models/")) {
				requireMethod("GET", method, path);
				String id = path.substring("/v1/models/".length());
				Model model = config.model(id);
				if (model == null) {
					throw RequestFailed.modelNotFound(id);
				}
				responder.jsonLater(exchange, 200, OpenAiWire.JSON.writeValueAsBytes(OpenAiWire.model(model)), 0);
			}
			else {
				throw RequestFailed.notFound(method, path);
			}
		}
		catch (RequestFailed failure) {
			responder.error(exchange, failure);
		}
		catch (RuntimeException bug) {
			responder.error(exchange, RequestFailed.internal(bug));
		}
	}

	private static void requireMethod(String expected, String method, String path) {
		if (!expected.equals(method)) {
			throw RequestFailed.methodNotAllowed(method, path);
		}
	}

	/**
	 * Threads for the work that may block: virtual threads where the JVM has them (21+), otherwise
	 * a cached pool bounded at {@link #MAX_WORKERS} threads. Handlers never wait for the simulated
	 * latency, so neither needs a thread per pending response.
	 */
	private static ExecutorService workers() {
		if (VIRTUAL_THREADS) {
			try {
				return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
			}
			catch (ReflectiveOperationException ex) {
				// fall through to platform threads
			}
		}
		var pool = new ThreadPoolExecutor(0, MAX_WORKERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				daemonThreads("arbiter-sim-worker-"), new ThreadPoolExecutor.CallerRunsPolicy());
		return pool;
	}

	private static ThreadFactory daemonThreads(String prefix) {
		var counter = new AtomicInteger();
		return runnable -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
