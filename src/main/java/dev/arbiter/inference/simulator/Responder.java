package dev.arbiter.inference.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;

/**
 * Writes responses now or later. Delays are timers on one scheduler thread; when a timer fires, the
 * write itself runs on the worker executor, so no thread sleeps while a response is "generated".
 */
final class Responder {

	static final String SIMULATOR_HEADER = "X-Simulator";

	static final String SIMULATOR_NAME = "arbiter-sim";

	private final ScheduledExecutorService timers;

	private final Executor workers;

	Responder(ScheduledExecutorService timers, Executor workers) {
		this.timers = timers;
		this.workers = workers;
	}

	/** Sends a JSON body now, on the calling thread. */
	void json(HttpExchange exchange, int status, byte[] body) {
		try (exchange) {
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
		}
		catch (IOException ex) {
			// the client went away; nothing is left to answer
		}
	}

	void error(HttpExchange exchange, RequestFailed failure) {
		if (failure.status() == 429) {
			exchange.getResponseHeaders().set("Retry-After", "1");
		}
		json(exchange, failure.status(), OpenAiWire.error(failure));
	}

	/** Sends a JSON body after {@code delayMs}. */
	void jsonLater(HttpExchange exchange, int status, byte[] body, long delayMs) {
		later(delayMs, exchange, () -> json(exchange, status, body));
	}

	void errorLater(HttpExchange exchange, RequestFailed failure, long delayMs) {
		later(delayMs, exchange, () -> error(exchange, failure));
	}

	/** Answers nothing: holds the connection for {@code holdMs}, then closes it. */
	void holdThenClose(HttpExchange exchange, long holdMs) {
		later(holdMs, exchange, exchange::close);
	}

	/**
	 * Streams server-sent events: the status line and headers now, then frame {@code i} at
	 * {@code firstDelayMs + i * gapMs}; the exchange is closed after the last frame.
	 */
	void stream(HttpExchange exchange, List<byte[]> frames, long firstDelayMs, long gapMs) {
		try {
			var headers = exchange.getResponseHeaders();
			headers.set("Content-Type", "text/event-stream; charset=utf-8");
			headers.set("Cache-Control", "no-cache");
			exchange.sendResponseHeaders(200, 0);
		}
		catch (IOException ex) {
			exchange.close();
			return;
		}
		new SseWriter(exchange, frames, gapMs).scheduleNext(firstDelayMs);
	}

	private void later(long delayMs, HttpExchange exchange, Runnable write) {
		if (delayMs <= 0) {
			write.run();
			return;
		}
		try {
			timers.schedule(() -> onWorker(exchange, write), delayMs, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			exchange.close(); // shutting down
		}
	}

	private void onWorker(HttpExchange exchange, Runnable write) {
		try {
			workers.execute(write);
		}
		catch (RejectedExecutionException ex) {
			exchange.close();
		}
	}

	/** Writes one frame per timer tick, each after the previous one has been written. */
	private final class SseWriter implements Runnable {

		private final HttpExchange exchange;

		private final List<byte[]> frames;

		private final long gapMs;

		private int next;

		SseWriter(HttpExchange exchange, List<byte[]> frames, long gapMs) {
			this.exchange = exchange;
			this.frames = frames;
			this.gapMs = gapMs;
		}

		void scheduleNext(long delayMs) {
			later(delayMs, exchange, this);
		}

		@Override
		public void run() {
			OutputStream body = exchange.getResponseBody();
			try {
				body.write(frames.get(next++));
				body.flush();
			}
			catch (IOException ex) {
				exchange.close();
				return;
			}
			if (next < frames.size()) {
				scheduleNext(gapMs);
			}
			else {
				exchange.close();
			}
		}

	}

}
