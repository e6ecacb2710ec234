package dev.arbiter.inference;

import static dev.arbiter.inference.Fixtures.ORG;
import static dev.arbiter.inference.Fixtures.anOpenAiUpstream;
import static dev.arbiter.inference.Fixtures.inference;
import static dev.arbiter.inference.Fixtures.withMaxConcurrency;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.arbiter.registry.ModelCatalog.Upstream;

/** Calls beyond an agent's concurrency limit wait their turn instead of failing. */
class InferenceConcurrencyTests {

	final ExecutorService callers = Executors.newFixedThreadPool(10);

	@AfterEach
	void stopCallers() {
		callers.shutdownNow();
	}

	@Test
	void holdsAtMostTheAgentsMaxConcurrencyInFlightAndAnswersEveryCall() throws Exception {
		try (var stub = StubUpstream.answering((n, request) -> StubUpstream.ok("answer " + n).after(150))) {
			var upstream = withMaxConcurrency(anOpenAiUpstream(stub.baseUrl(), "m"), 2);

			List<ChatResult> results = callInParallel(inference(), upstream, 10);

			assertThat(stub.maxInFlight()).isEqualTo(2);
			assertThat(stub.requests()).hasSize(10);
			assertThat(results).hasSize(10).allSatisfy(result -> assertThat(result.attempts()).isEqualTo(1));
		}
	}

	@Test
	void usesTheDefaultLimitWhenTheAgentSetsNone() throws Exception {
		try (var stub = StubUpstream.answering((n, request) -> StubUpstream.ok("answer").after(150))) {
			var settings = new InferenceSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30), 3,
					Duration.ofMillis(1), Duration.ofMillis(5), 3);

			callInParallel(inference(settings), anOpenAiUpstream(stub.baseUrl(), "m"), 10);

			assertThat(stub.maxInFlight()).isEqualTo(3);
		}
	}

	private List<ChatResult> callInParallel(Inference inference, Upstream upstream, int calls) throws Exception {
		var futures = new ArrayList<Future<ChatResult>>();
		for (int i = 0; i < calls; i++) {
			var request = ChatRequest.of(ChatMessage.user("question " + i));
			futures.add(callers.submit(() -> inference.chat(ORG, upstream, request)));
		}
		var results = new ArrayList<ChatResult>();
		for (var future : futures) {
			results.add(future.get());
		}
		return results;
	}
}
