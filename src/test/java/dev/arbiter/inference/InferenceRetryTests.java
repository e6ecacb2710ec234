package dev.arbiter.inference;

import static dev.arbiter.inference.Fixtures.API_KEY;
import static dev.arbiter.inference.Fixtures.ORG;
import static dev.arbiter.inference.Fixtures.anOpenAiUpstream;
import static dev.arbiter.inference.Fixtures.inference;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.arbiter.inference.StubUpstream.Reply;
import dev.arbiter.inference.simulator.Simulator;
import dev.arbiter.inference.simulator.SimulatorConfig;
import dev.arbiter.inference.simulator.SimulatorConfig.Model;

/** Which failures are retried, how long between attempts, and what a call that gives up reports. */
class InferenceRetryTests {

	static final ChatRequest HELLO = ChatRequest.of(ChatMessage.user("Hello"));

	final Inference inference = inference();

	@Test
	void retriesAServerErrorAndReturnsTheNextAnswer() {
		try (var stub = StubUpstream.answering(
				(n, request) -> n == 0 ? Reply.json(500, "{\"error\":{\"message\":\"boom\"}}") : StubUpstream.ok("second time lucky"))) {

			ChatResult result = inference.chat(ORG, anOpenAiUpstream(stub.baseUrl(), "m"), HELLO);

			assertThat(result.content()).isEqualTo("second time lucky");
			assertThat(result.attempts()).isEqualTo(2);
			assertThat(stub.requests()).hasSize(2);
		}
	}

	@Test
	void retriesARequestTimeout408() {
		try (var stub = StubUpstream.answering((n, request) -> n == 0 ? Reply.json(408, "{}") : StubUpstream.ok("ok"))) {

			assertThat(inference.chat(ORG, anOpenAiUpstream(stub.baseUrl(), "m"), HELLO).attempts()).isEqualTo(2);
		}
	}

	@Test
	void waitsAtLeastRetryAfterBeforeTheNextAttempt() {
		try (var stub = StubUpstream.answering((n, request) -> n == 0
				? Reply.json(429, "{\"error\":{\"type\":\"rate_limit_error\"}}").header("Retry-After", "1")
				: StubUpstream.ok("after the wait"))) {

			ChatResult result = inference.chat(ORG, anOpenAiUpstream(stub.baseUrl(), "m"), HELLO);

			assertThat(result.attempts()).isEqualTo(2);
			var requests = stub.requests();
			long gapNanos = requests.get(1).arrivedNanos() - requests.get(0).arrivedNanos();
			assertThat(gapNanos).isGreaterThanOrEqualTo(TimeUnit.SECONDS.toNanos(1));
		}
	}

	@Test
	void neverRetriesABadRequest() {
		try (var stub = StubUpstream.answering(
				(n, request) -> Reply.json(400, "{\"error\":{\"message\":\"max_tokens is too large\"}}"))) {

			var failure = catchThrowableOfType(UpstreamFailed.class,
					() -> inference.chat(ORG, anOpenAiUpstream(stub.baseUrl(), "m"), HELLO));

			assertThat(failure.errorType()).isEqualTo("http_4xx");
			assertThat(failure.status()).isEqualTo(400);
			assertThat(failure.retryable()).isFalse();
			assertThat(failure.attempts()).isEqualTo(1);
			assertThat(failure.getMessage()).contains("max_tokens is too large");
			assertThat(stub.requests()).hasSize(1);
		}
	}

	@Test
	void givesUpWithATimeoutAfterMaxAttemptsWhenNoHeadersArrive() {
		var slow = Model.named("slow").withLatency(3_000, 3_000);
		try (var simulator = Simulator.start(SimulatorConfig.of(1, slow), 0)) {
			var settings = new InferenceSettings(Duration.ofSeconds(2), Duration.ofMillis(150), Duration.ofSeconds(30), 3,
					Duration.ofMillis(1), Duration.ofMillis(5), 16);

			var failure = catchThrowableOfType(UpstreamFailed.class,
					() -> inference(settings).chat(ORG, anOpenAiUpstream(simulator.baseUri().toString(), "slow"), HELLO));

			assertThat(failure.errorType()).isEqualTo("timeout");
			assertThat(failure.retryable()).isTrue();
			assertThat(failure.status()).isNull();
			assertThat(failure.attempts()).isEqualTo(3);
		}
	}

	@Test
	void givesUpOnASimulatedRateLimitWithTheWaitItAskedFor() {
		var limited = Model.named("limited").withRateLimitRate(1.0);
		try (var simulator = Simulator.start(SimulatorConfig.of(1, limited), 0)) {
			var settings = new InferenceSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30), 2,
					Duration.ofMillis(1), Duration.ofMillis(5), 16);

			var failure = catchThrowableOfType(UpstreamFailed.class,
					() -> inference(settings).chat(ORG, anOpenAiUpstream(simulator.baseUri().toString(), "limited"), HELLO));

			assertThat(failure.errorType()).isEqualTo("rate_limited");
			assertThat(failure.status()).isEqualTo(429);
			assertThat(failure.retryable()).isTrue();
			assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(1));
			assertThat(failure.attempts()).isEqualTo(2);
		}
	}

	@Test
	void givesUpOnSimulatedServerErrorsAfterMaxAttempts() {
		var broken = Model.named("broken").withErrorRate(1.0).withTtftMs(1);
		try (var simulator = Simulator.start(SimulatorConfig.of(1, broken), 0)) {

			var failure = catchThrowableOfType(UpstreamFailed.class,
					() -> inference.chat(ORG, anOpenAiUpstream(simulator.baseUri().toString(), "broken"), HELLO));

			assertThat(failure.errorType()).isEqualTo("http_5xx");
			assertThat(failure.status()).isEqualTo(500);
			assertThat(failure.attempts()).isEqualTo(3);
		}
	}

	@Test
	void doesNotWaitForARetryAfterBeyondTheTotalTimeout() {
		try (var stub = StubUpstream.answering(
				(n, request) -> Reply.json(429, "{}").header("Retry-After", "120"))) {

			var failure = catchThrowableOfType(UpstreamFailed.class,
					() -> inference.chat(ORG, anOpenAiUpstream(stub.baseUrl(), "m"), HELLO));

			assertThat(failure.errorType()).isEqualTo("rate_limited");
			assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(120));
			assertThat(failure.attempts()).isEqualTo(1);
			assertThat(stub.requests()).hasSize(1);
		}
	}

	@Test
	void boundsReadingAStalledBodyByTheTotalTimeout() {
		try (var stub = StubUpstream.answering((n, request) -> StubUpstream.ok("slowly").stallingBody(5_000))) {
			var settings = new InferenceSettings(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofMillis(300), 3,
					Duration.ofMillis(1), Duration.ofMillis(5), 16);

			var failure = catchThrowableOfType(UpstreamFailed.class,
					() -> inference(settings).chat(ORG, anOpenAiUpstream(stub.baseUrl(), "m"), HELLO));

			assertThat(failure.errorType()).isEqualTo("timeout");
			assertThat(failure.attempts()).isEqualTo(1);
		}
	}

	@Test
	void retriesWhenNothingListensAndReportsAConnectionError() throws IOException {
		int port;
		try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}

		var failure = catchThrowableOfType(UpstreamFailed.class,
				() -> inference.chat(ORG, anOpenAiUpstream("http://127.0.0.1:" + port + "/v1", "m"), HELLO));

		assertThat(failure.errorType()).isEqualTo("connect");
		assertThat(failure.retryable()).isTrue();
		assertThat(failure.attempts()).isEqualTo(3);
		assertThat(failure).hasCauseInstanceOf(java.net.ConnectException.class);
	}

	@Test
	void reportsABodyThatIsNotAnAnswerWithoutRetrying() {
		try (var stub = StubUpstream.answering((n, request) -> Reply.json(200, "<html>gateway says hi</html>"))) {

			var failure = catchThrowableOfType(UpstreamFailed.class,
					() -> inference.chat(ORG, anOpenAiUpstream(stub.baseUrl(), "m"), HELLO));

			assertThat(failure.errorType()).isEqualTo("bad_response");
			assertThat(failure.retryable()).isFalse();
			assertThat(failure.attempts()).isEqualTo(1);
		}
	}

	@Test
	void reportsACompletionWithoutChoicesAsABadResponse() {
		try (var stub = StubUpstream.answering((n, request) -> Reply.json(200, "{\"choices\":[]}"))) {

			var failure = catchThrowableOfType(UpstreamFailed.class,
					() -> inference.chat(ORG, anOpenAiUpstream(stub.baseUrl(), "m"), HELLO));

			assertThat(failure.errorType()).isEqualTo("bad_response");
			assertThat(failure.status()).isEqualTo(200);
		}
	}

	@Test
	void neverPutsTheApiKeyIntoTheFailure() {
		try (var stub = StubUpstream.answering((n, request) -> Reply.json(401,
				"{\"error\":{\"message\":\"Incorrect API key provided: " + request.headers().getFirst("Authorization") + "\"}}"))) {

			var failure = catchThrowableOfType(UpstreamFailed.class,
					() -> inference.chat(ORG, anOpenAiUpstream(stub.baseUrl(), "m"), HELLO));

			assertThat(failure.status()).isEqualTo(401);
			assertThat(failure.getMessage()).contains("Incorrect API key provided").doesNotContain(API_KEY);
		}
	}
}
