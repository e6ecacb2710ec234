package dev.arbiter.evaluation.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.arbiter.benchmark.SuiteCatalog;
import dev.arbiter.benchmark.SuiteItem;
import dev.arbiter.evaluation.internal.scoring.Score;
import dev.arbiter.evaluation.internal.scoring.Scorer;
import dev.arbiter.evaluation.internal.scoring.ScoringInput;
import dev.arbiter.inference.ChatMessage;
import dev.arbiter.inference.ChatRequest;
import dev.arbiter.inference.ChatResult;
import dev.arbiter.inference.Inference;
import dev.arbiter.inference.UpstreamFailed;
import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.shared.Time;
import dev.arbiter.telemetry.EventIngestion;
import dev.arbiter.telemetry.EventSource;
import dev.arbiter.telemetry.MetricEvent;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through runs: every (model, item, repeat) of a run that has no result yet becomes one call,
 * at most {@code concurrency} at a time. Each answer is scored, stored with its scores (unique per
 * key, so a resumed run never duplicates), counted, and recorded as a metric event of source
 * {@code eval} with the item and whether it was correct. Runs left unfinished by a stop resume
 * when the server starts.
 */
@Component
class EvalRunner {

	private static final Logger log = LoggerFactory.getLogger(EvalRunner.class);

	/** Results (and their metric events) are written in batches of up to this many, and at least every 200 ms. */
	static final int RESULT_BATCH = 64;

	private final EvalRuns runs;

	private final EvalResults results;

	private final SuiteCatalog suites;

	private final ModelCatalog models;

	private final Inference inference;

	private final RunScoring scoring;

	private final EventIngestion events;

	private final TransactionTemplate transaction;

	private final ExecutorService coordinators = Executors.newCachedThreadPool(named("eval-run"));

	private final ExecutorService calls = Executors.newCachedThreadPool(named("eval-call"));

	private final Map<UUID, Handle> active = new ConcurrentHashMap<>();

	private final java.util.concurrent.ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(named("eval-events"));

	EvalRunner(EvalRuns runs, EvalResults results, SuiteCatalog suites, ModelCatalog models, Inference inference,
			RunScoring scoring, EventIngestion events, TransactionTemplate transaction) {
		this.runs = runs;
		this.results = results;
		this.suites = suites;
		this.models = models;
		this.inference = inference;
		this.scoring = scoring;
		this.events = events;
		this.transaction = transaction;
	}

	@EventListener(ApplicationReadyEvent.class)
	void resumeUnfinished() {
		flusher.scheduleWithFixedDelay(() -> active.values().forEach(handle -> {
			try {
				if (!handle.cancelled) {
					flush(handle);
				}
			}
			catch (RuntimeException e) {
				log.warn("Recording evaluation events failed; they are retried when the run resumes: {}", e.toString());
			}
		}), 200, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
		for (var run : runs.unfinished()) {
			log.info("Resuming evaluation run {} ({} of {} done)", run.id(), run.completed() + run.failed(), run.total());
			start(run);
		}
	}

	void start(EvalRun run) {
		active.computeIfAbsent(run.id(), id -> {
			var handle = new Handle(run);
			coordinators.submit(() -> execute(handle));
			return handle;
		});
	}

	/** Stops submitting calls and interrupts the ones in flight; their answers are not recorded. */
	void cancel(UUID runId) {
		var handle = active.get(runId);
		if (handle != null) {
			handle.cancel();
		}
	}

	boolean running(UUID runId) {
		return active.containsKey(runId);
	}

	@PreDestroy
	void stop() {
		active.values().forEach(Handle::cancel);
		flusher.shutdownNow();
		coordinators.shutdownNow();
		calls.shutdownNow();
	}

	private void execute(Handle handle) {
		var run = handle.run;
		try {
			runs.markRunning(run.id());
			recordExistingEvents(run);
			var upstreams = upstreams(run);
			var scorers = scoring.scorers(run);
			var done = results.doneKeys(run.id());
			var permits = new Semaphore(run.concurrency());
			int after = 0;
			outer: while (!handle.cancelled) {
				var items = suites.items(run.orgId(), run.suiteId(), after, 500);
				if (items.isEmpty()) {
					break;
				}
				for (var item : items) {
					after = item.position();
					for (var model : run.models()) {
						for (int repeat = 0; repeat < run.repeats(); repeat++) {
							if (done.contains(EvalResults.Result.key(model, item.id(), repeat))) {
								continue;
							}
							permits.acquire();
							if (handle.cancelled) {
								permits.release();
								break outer;
							}
							int r = repeat;
							handle.track(calls.submit(() -> {
								try {
									call(handle, upstreams.get(model), scorers, item, r);
								}
								finally {
									permits.release();
								}
							}));
						}
					}
				}
			}
			permits.acquire(run.concurrency());
			if (!handle.cancelled) {
				flush(handle);
			}
			if (handle.cancelled) {
				synchronized (handle) {
					runs.recount(run.id());
				}
			}
			else {
				runs.finish(run.id(), EvalRun.Status.COMPLETED, null);
				log.info("Evaluation run {} completed", run.id());
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (RunFailed e) {
			runs.finish(run.id(), EvalRun.Status.FAILED, e.getMessage());
		}
		catch (RuntimeException e) {
			log.error("Evaluation run {} failed", run.id(), e);
			runs.finish(run.id(), EvalRun.Status.FAILED, e.toString());
		}
		finally {
			active.remove(run.id());
		}
	}

	private Map<String, ModelCatalog.Upstream> upstreams(EvalRun run) {
		var all = models.upstreams(run.orgId());
		var chosen = new java.util.HashMap<String, ModelCatalog.Upstream>();
		for (var model : run.models()) {
			var upstream = all.stream().filter(u -> u.model().equals(model)).findFirst()
				.orElseThrow(() -> new RunFailed("Model '" + model + "' has no active assignment to an active agent"));
			chosen.put(model, upstream);
		}
		return chosen;
	}

	private void call(Handle handle, ModelCatalog.Upstream upstream, List<Scorer> scorers, SuiteItem item, int repeat) {
		var run = handle.run;
		if (handle.cancelled) {
			return;
		}
		var params = run.params();
		var request = new ChatRequest(messages(run, item), params.temperature(), params.maxTokens(),
				params.seed() == null ? null : params.seed() + repeat, Map.of());
		ChatResult answer = null;
		UpstreamFailed failure = null;
		try {
			answer = inference.chat(run.orgId(), upstream, request);
		}
		catch (UpstreamFailed e) {
			failure = e;
		}
		if (handle.cancelled || Thread.currentThread().isInterrupted()) {
			return;
		}
		List<Score> scores = List.of();
		Boolean passed = null;
		if (answer != null) {
			var input = new ScoringInput(item.promptText(), answer.content(), item.expected());
			scores = scorers.stream().map(scorer -> safeScore(scorer, input)).toList();
			passed = !scores.isEmpty() && scores.stream().allMatch(Score::passed);
		}
		var result = new EvalResults.Result(UUID.randomUUID(), run.id(), upstream.model(), upstream.agent(), item.id(), item.position(),
				repeat, answer == null ? null : answer.content(), passed, answer != null, failure == null ? null : failure.errorType(),
				failure == null ? null : failure.getMessage(),
				answer != null ? answer.latencyMs() : failure.latencyMs(), answer == null ? null : answer.tokensIn(),
				answer == null ? null : answer.tokensOut(), answer == null ? null : answer.cost(),
				answer == null ? null : answer.finishReason(), scores, Time.now());
		handle.results.add(result);
		if (handle.results.size() >= RESULT_BATCH) {
			flush(handle);
		}
	}

	private static Score safeScore(Scorer scorer, ScoringInput input) {
		try {
			return scorer.score(input);
		}
		catch (RuntimeException e) {
			return Score.failed(scorer.name(), "scorer failed: " + e.getMessage());
		}
	}

	static List<ChatMessage> messages(EvalRun run, SuiteItem item) {
		if (run.promptTemplate() != null && !run.promptTemplate().isBlank()) {
			return List.of(new ChatMessage("user", run.promptTemplate().replace("{{prompt}}", item.promptText())));
		}
		if (item.messages() != null && !item.messages().isEmpty()) {
			var messages = new ArrayList<ChatMessage>();
			item.messages().forEach(m -> messages.add(new ChatMessage(m.role(), m.content())));
			return messages;
		}
		return List.of(new ChatMessage("user", item.prompt()));
	}

	/**
	 * Writes the buffered results of a run in one transaction, then records their metric events.
	 * Results still in the buffer when the server stops are not lost work to worry about: the
	 * resumed run asks those items again.
	 */
	private void flush(Handle handle) {
		// One flush at a time per run: the final flush must not pass one still writing.
		synchronized (handle) {
			var batch = new ArrayList<EvalResults.Result>();
			EvalResults.Result result;
			while ((result = handle.results.poll()) != null) {
				batch.add(result);
			}
			if (batch.isEmpty()) {
				return;
			}
			var stored = transaction.execute(status -> batch.stream().filter(r -> results.insert(handle.run.orgId(), r)).toList());
			if (stored != null) {
				stored.forEach(r -> handle.events.add(event(handle.run, r.agent(), r, r.errorType())));
			}
			flushEvents(handle);
		}
	}


	/** Records the buffered metric events of a run in one batch. */
	private void flushEvents(Handle handle) {
		var batch = new ArrayList<MetricEvent>();
		MetricEvent event;
		while ((event = handle.events.poll()) != null) {
			batch.add(event);
		}
		if (!batch.isEmpty()) {
			events.record(handle.run.orgId(), batch);
		}
	}

	/**
	 * Records the events of the results a run already has. Event ids are derived from the result
	 * keys, so events recorded before a stop are duplicates and ignored; ones lost in the stop
	 * are recorded now.
	 */
	private void recordExistingEvents(EvalRun run) {
		var batch = new ArrayList<MetricEvent>();
		for (var result : results.stored(run.id())) {
			batch.add(event(run, result.agent(), result, result.errorType()));
			if (batch.size() == 1000) {
				events.record(run.orgId(), batch);
				batch.clear();
			}
		}
		events.record(run.orgId(), batch);
	}

	private static MetricEvent event(EvalRun run, String agent, EvalResults.Result result, String errorType) {
		var eventId = UUID.nameUUIDFromBytes(("eval|" + result.runId() + "|" + EvalResults.Result.key(result.model(), result.itemId(),
				result.repeatIndex())).getBytes(StandardCharsets.UTF_8));
		return new MetricEvent(eventId, result.createdAt(), result.model(), agent, run.domain(), EventSource.EVAL, null,
				run.id().toString(), null, result.latencyMs(), null, result.tokensIn(), result.tokensOut(), result.cost(),
				result.success(), errorType, result.finishReason(),
				result.finishReason() == null ? null : "length".equals(result.finishReason()), null, result.itemId().toString(),
				result.passed(), null, null, null, null);
	}

	private static java.util.concurrent.ThreadFactory named(String prefix) {
		var counter = new java.util.concurrent.atomic.AtomicInteger();
		return runnable -> {
			var thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** A run being worked on. */
	private static final class Handle {

		final EvalRun run;

		volatile boolean cancelled;

		final java.util.Queue<MetricEvent> events = new java.util.concurrent.ConcurrentLinkedQueue<>();

		final java.util.Queue<EvalResults.Result> results = new java.util.concurrent.ConcurrentLinkedQueue<>();

		private final Set<Future<?>> inFlight = ConcurrentHashMap.newKeySet();

		Handle(EvalRun run) {
			this.run = run;
		}

		void track(Future<?> future) {
			inFlight.add(future);
			inFlight.removeIf(Future::isDone);
		}

		void cancel() {
			cancelled = true;
			inFlight.forEach(future -> future.cancel(true));
		}
	}

	/** The run cannot go on, for a reason a person can act on. */
	static final class RunFailed extends RuntimeException {

		RunFailed(String message) {
			super(message);
		}
	}
}
