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
 * Writes responses now or later. Delays are timers on one scheduler thread, so no thread sleeps
 * while a response is "generated". A small write (at most {@link #INLINE_WRITE_BYTES}, which the
 * socket's send buffer takes without blocking) runs on the thread at hand, the timer's or the
 * handler's; a larger one is handed to the worker executor, so a client that does not read can
 * only ever block a worker.
 */
final class Responder {

	static final String SIMULATOR_HEADER = "X-Simulator";

	static final String SIMULATOR_NAME = "arbiter-sim";

	/** Writes up to this size fit in any TCP send buffer, so they never block the timer thread. */
	static final int INLINE_WRITE_BYTES = 8 * 1024;

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
		later(delayMs, exchange, body.length, () -> json(exchange, status, body));
	}

	void errorLater(HttpExchange exchange, RequestFailed failure, long delayMs) {
		later(delayMs, exchange, 0, () -> error(exchange, failure));
	}

	/** Answers nothing: holds the connection for {@code holdMs}, then closes it. */
	void holdThenClose(HttpExchange exchange, long holdMs) {
		later(holdMs, exchange, 0, exchange::close);
	}

	/**
	 * Streams server-sent events: the status line and headers now, then frame {@code i} at
	 * {@code atMs[i]} milliseconds from now; the exchange is closed after the last frame.
	 */
	void stream(HttpExchange exchange, List<byte[]> frames, long[] atMs) {
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
		new SseWriter(exchange, frames, atMs).scheduleNext(atMs[0]);
	}

	private void later(long delayMs, HttpExchange exchange, int bytes, Runnable write) {
		Runnable inline = bytes <= INLINE_WRITE_BYTES ? write : () -> onWorker(exchange, write);
		if (delayMs <= 0) {
			inline.run();
			return;
		}
		try {
			timers.schedule(inline, delayMs, TimeUnit.MILLISECONDS);
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

		private final long[] atMs;

		private int next;

		SseWriter(HttpExchange exchange, List<byte[]> frames, long[] atMs) {
			this.exchange = exchange;
			this.frames = frames;
			this.atMs = atMs;
		}

		void scheduleNext(long delayMs) {
			later(delayMs, exchange, frames.get(next).length, this);
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
				scheduleNext(atMs[next] - atMs[next - 1]);
			}
			else {
				exchange.close();
			}
		}

	}

}
