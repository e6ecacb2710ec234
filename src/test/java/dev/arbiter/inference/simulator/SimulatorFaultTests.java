package dev.arbiter.inference.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.arbiter.inference.simulator.SimulatorConfig.Model;
import tools.jackson.databind.JsonNode;

/** Simulated and forced failures. */
class SimulatorFaultTests {

	static Simulator simulator;

	static SimClient client;

	@BeforeAll
	static void start() {
		var reliable = Model.named("reliable").withLatency(0, 0).withTtftMs(0);
		var flaky = Model.named("flaky").withLatency(0, 0).withTtftMs(0).withErrorRate(0.2).withRateLimitRate(0.1);
		simulator = Simulator.start(SimulatorConfig.of(3, reliable, flaky).withForceTimeoutMs(300), 0);
		client = new SimClient(simulator);
	}

	@AfterAll
	static void stop() {
		simulator.close();
	}

	@Test
	void forcesA500WithAnOpenAiServerError() {
		HttpResponse<String> response = client.post(SimClient.chat("reliable", "hi"), "X-Sim-Force", "error");

		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("X-Simulator")).hasValue("arbiter-sim");
		JsonNode error = SimClient.json(response).path("error");
		assertThat(error.path("type").stringValue()).isEqualTo("server_error");
		assertThat(error.path("message").stringValue()).isNotBlank();
	}

	@Test
	void forcesA429WithRetryAfter() {
		HttpResponse<String> response = client.post(SimClient.chat("reliable", "hi"), "X-Sim-Force", "ratelimit");

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.headers().firstValue("X-Simulator")).hasValue("arbiter-sim");
		JsonNode error = SimClient.json(response).path("error");
		assertThat(error.path("type").stringValue()).isEqualTo("rate_limit_error");
		assertThat(error.path("code").stringValue()).isEqualTo("rate_limit_exceeded");
	}

	@Test
	void forcesATimeoutByClosingTheConnectionWithoutAReply() {
		assertThatThrownBy(() -> client.post(SimClient.chat("reliable", "hi"), "X-Sim-Force", "timeout"))
			.isInstanceOf(UncheckedIOException.class);
	}

	@Test
	void rejectsAnUnknownForcedFault() {
		assertThat(client.post(SimClient.chat("reliable", "hi"), "X-Sim-Force", "explode").statusCode()).isEqualTo(400);
	}

	@Test
	void failsAtTheConfiguredRates() {
		var futures = new ArrayList<CompletableFuture<HttpResponse<String>>>();
		int calls = 2000;
		for (int i = 0; i < calls; i++) {
			futures.add(client.postAsync("/chat/completions", SimClient.chat("flaky", "prompt " + i).toString()));
			if (futures.size() % 64 == 0) {
				futures.get(futures.size() - 1).join();
			}
		}
		int errors = 0;
		int limited = 0;
		for (var future : futures) {
			HttpResponse<String> response = future.join();
			if (response.statusCode() == 500) {
				errors++;
			}
			else if (response.statusCode() == 429) {
				limited++;
				assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
			}
			else {
				assertThat(response.statusCode()).isEqualTo(200);
			}
		}

		// independent draws: 3.5 standard deviations is about 0.03 for 0.2 and 0.023 for 0.1
		assertThat((double) errors / calls).isBetween(0.17, 0.23);
		assertThat((double) limited / calls).isBetween(0.077, 0.123);
	}

	@Test
	void closingReleasesWhoeverAwaitsIt() throws Exception {
		var other = Simulator.start(SimulatorConfig.of(1, Model.named("m")), 0);
		var waiter = new Thread(() -> {
			try {
				other.awaitClose();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		waiter.start();

		other.close();
		other.close();
		waiter.join(5_000);

		assertThat(waiter.isAlive()).isFalse();
	}

	@Test
	void neverFailsAReliableModel() {
		for (int i = 0; i < 50; i++) {
			assertThat(client.post(SimClient.chat("reliable", "prompt " + i)).statusCode()).isEqualTo(200);
		}
	}

}
