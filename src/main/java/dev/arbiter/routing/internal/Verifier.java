package dev.arbiter.routing.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.inference.ChatMessage;
import dev.arbiter.inference.ChatRequest;
import dev.arbiter.inference.Inference;
import dev.arbiter.inference.UpstreamFailed;
import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.shared.Time;
import dev.arbiter.telemetry.EventIngestion;
import dev.arbiter.telemetry.EventSource;
import dev.arbiter.telemetry.MetricEvent;

import org.springframework.stereotype.Component;

/**
 * Seed 000's Verifier: grades a sampled share of a route's answers by asking the route's judge
 * model for "Score: N" (0–10), off the request path. The gateway only hands over what was asked
 * and answered to a bounded queue (full: the sample is dropped and counted); one worker thread asks
 * the judge through its best upstream. A grade becomes one metric event for the answering model ×
 * domain ({@code confidence = N / 10}, {@code correct = N >= 7}) whose id is derived from the
 * decision id, so a decision is graded at most once.
 */
@Component
class Verifier {

	static final int CAPACITY = 1000;

	static final int CORRECT_FROM = 7;

	private static final Pattern SCORE = Pattern.compile("score\\s*[:=]\\s*(\\d+(?:\\.\\d+)?)", Pattern.CASE_INSENSITIVE);

	private static final String INSTRUCTIONS = """
			You grade answers. Given a question and an answer, judge whether the answer is correct, complete and helpful.
			Reply with one line: "Score: N", where N is an integer from 0 (wrong or useless) to 10 (fully correct).""";

	private static final Logger log = LoggerFactory.getLogger(Verifier.class);

	private final Inference inference;

	private final ModelCatalog catalog;

	private final EventIngestion events;

	private final ObjectMapper json;

	private final BlockingQueue<Sample> queue = new ArrayBlockingQueue<>(CAPACITY);

	private final Counter dropped;

	private final Counter graded;

	private final Counter failed;

	private final Thread worker;

	private volatile boolean running = true;

	Verifier(Inference inference, ModelCatalog catalog, EventIngestion events, ObjectMapper json, MeterRegistry meters) {
		this.inference = inference;
		this.json = json;
		this.catalog = catalog;
		this.events = events;
		this.dropped = Counter.builder("arbiter.verifier.samples").tag("outcome", "dropped").register(meters);
		this.graded = Counter.builder("arbiter.verifier.samples").tag("outcome", "graded").register(meters);
		this.failed = Counter.builder("arbiter.verifier.samples").tag("outcome", "failed").register(meters);
		this.worker = new Thread(this::work, "routing-verifier");
		this.worker.setDaemon(true);
		this.worker.start();
	}

	/** One answer to grade. */
	record Sample(UUID decisionId, UUID orgId, String model, String agent, String domain, String judge, String prompt, String answer) {
	}

	/** Queues the answer for grading when the route has a verifier and this answer is sampled; never blocks. */
	void consider(Route route, UUID decisionId, UUID orgId, ModelCatalog.Upstream answered, String domain, String prompt,
			String answer) {
		if (route == null || route.verifier() == null || answer == null
				|| !route.verifier().samples(ThreadLocalRandom.current().nextDouble())) {
			return;
		}
		if (!queue.offer(new Sample(decisionId, orgId, answered.model(), answered.agent(), domain, route.verifier().model(), prompt,
				answer))) {
			dropped.increment();
		}
	}

	@PreDestroy
	void stop() throws InterruptedException {
		running = false;
		worker.interrupt();
		worker.join(2000);
	}

	private void work() {
		while (running) {
			try {
				var sample = queue.poll(200, TimeUnit.MILLISECONDS);
				if (sample != null) {
					grade(sample);
				}
			}
			catch (InterruptedException e) {
				if (!running) {
					return;
				}
			}
			catch (UpstreamFailed | IllegalArgumentException e) {
				failed.increment();
				log.debug("A verifier judge call failed: {}", e.toString());
			}
			catch (RuntimeException e) {
				failed.increment();
				log.warn("Grading a routed answer failed: {}", e.toString());
			}
		}
	}

	private void grade(Sample sample) {
		var judge = catalog.upstreams(sample.orgId()).stream().filter(u -> u.model().equals(sample.judge())).findFirst();
		if (judge.isEmpty()) {
			failed.increment();
			log.debug("The verifier judge '{}' has no active assignment", sample.judge());
			return;
		}
		var request = new ChatRequest(List.of(ChatMessage.system(INSTRUCTIONS),
				ChatMessage.user("Question:\n" + sample.prompt() + "\n\nAnswer:\n" + sample.answer())), 0.0, null, null, null);
		var reply = inference.chat(sample.orgId(), judge.get(), request);
		var score = score(reply.content());
		if (score == null) {
			failed.increment();
			log.debug("The verifier judge '{}' gave no score: {}", sample.judge(), reply.content());
			return;
		}
		events.record(sample.orgId(), List.of(event(sample, score), judgeCall(sample, judge.get(), reply)));
		graded.increment();
	}

	/** The judge's own call, so its latency, tokens and cost are measured like any other. */
	private static MetricEvent judgeCall(Sample sample, ModelCatalog.Upstream judge, dev.arbiter.inference.ChatResult reply) {
		return new MetricEvent(UUID.randomUUID(), Time.now(), judge.model(), judge.agent(), sample.domain(), EventSource.EVAL,
				sample.decisionId().toString(), null, null, reply.latencyMs(), null, reply.tokensIn(), reply.tokensOut(), reply.cost(), true,
				null, reply.finishReason(), null, null, null, null, null, null, null, null);
	}

	/** The last "Score: N" in a judge's reply, clamped to 0–10, or null when there is none. */
	static Double score(String reply) {
		if (reply == null) {
			return null;
		}
		var matcher = SCORE.matcher(reply);
		Double score = null;
		while (matcher.find()) {
			score = Math.max(0, Math.min(10, Double.parseDouble(matcher.group(1))));
		}
		return score;
	}

	static UUID eventId(UUID decisionId) {
		return UUID.nameUUIDFromBytes((MetricEvent.VERIFIER_PREFIX + decisionId).getBytes(StandardCharsets.UTF_8));
	}

	private MetricEvent event(Sample sample, double score) {
		return new MetricEvent(eventId(sample.decisionId()), Time.now(), sample.model(), sample.agent(), sample.domain(), EventSource.EVAL,
				sample.decisionId().toString(), null, null, null, null, null, null, null, true, null, null, null, score / 10,
				MetricEvent.VERIFIER_PREFIX + sample.decisionId(), score >= CORRECT_FROM, null, null, null,
				json.writeValueAsString(java.util.Map.of("verifier", sample.judge(), "score", score)));
	}
}
