package dev.arbiter.evaluation.internal;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import dev.arbiter.benchmark.Suite;
import dev.arbiter.benchmark.SuiteCatalog;
import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.shared.InvalidInput;
import dev.arbiter.shared.NotFound;
import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;
import dev.arbiter.tenancy.AuditLog;
import dev.arbiter.tenancy.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Evaluation runs: start, follow (also as server-sent events), cancel, read results. */
@RestController
@RequestMapping("/api/v1/eval-runs")
class EvalRunController {

	private final EvalRuns runs;

	private final EvalResults results;

	private final EvalRunner runner;

	private final SuiteCatalog suites;

	private final ModelCatalog models;

	private final RunScoring scoring;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
		var thread = new Thread(runnable, "eval-sse");
		thread.setDaemon(true);
		return thread;
	});

	EvalRunController(EvalRuns runs, EvalResults results, EvalRunner runner, SuiteCatalog suites, ModelCatalog models,
			RunScoring scoring, AuditLog audit, TransactionTemplate transaction) {
		this.runs = runs;
		this.results = results;
		this.runner = runner;
		this.suites = suites;
		this.models = models;
		this.scoring = scoring;
		this.audit = audit;
		this.transaction = transaction;
	}

	@PreDestroy
	void stop() {
		ticker.shutdownNow();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	View create(Caller caller, @Valid @RequestBody NewRun request) {
		var suite = suite(caller, request.suite(), request.suiteVersion());
		var names = List.copyOf(new LinkedHashSet<>(request.models()));
		var upstreams = models.upstreams(caller.orgId());
		for (var name : names) {
			if (models.byName(caller.orgId(), name).isEmpty()) {
				throw new InvalidInput("models", "unknown model '" + name + "'");
			}
			if (upstreams.stream().noneMatch(u -> u.model().equals(name))) {
				throw new InvalidInput("models", "model '" + name + "' has no active assignment to an active agent; add one at /api/v1/assignments");
			}
		}
		scoring.scorers(caller.orgId(), suite.scoring());
		if (suite.itemCount() == 0) {
			throw new InvalidInput("suite", "suite '" + suite.name() + "' has no items; import some first");
		}
		int repeats = request.repeats() == null ? 1 : request.repeats();
		var params = request.params() == null ? new EvalRun.Params(0.0, null, null)
				: new EvalRun.Params(request.params().temperature(), request.params().maxTokens(), request.params().seed());
		var run = new EvalRun(UUID.randomUUID(), caller.orgId(), suite.id(), suite.name(), suite.version(), suite.domain(), names,
				params, request.promptTemplate(), repeats, request.concurrency() == null ? 8 : request.concurrency(), suite.scoring(),
				EvalRun.Status.PENDING, Math.toIntExact(suite.itemCount() * names.size() * repeats), 0, 0, 0, 0,
				java.math.BigDecimal.ZERO, null, caller.actor(), null, null, null);
		transaction.executeWithoutResult(status -> {
			runs.insert(run);
			audit.created(caller, "eval_run", run.id(), Map.of("suite", suite.name(), "models", names, "total", run.total()));
		});
		var stored = runs.byId(caller.orgId(), run.id()).orElseThrow();
		runner.start(stored);
		return view(stored);
	}

	@GetMapping
	Page<View> list(Caller caller, PageRequest page) {
		return runs.page(caller.orgId(), page).map(run -> new View(run, run.progress(), null));
	}

	@GetMapping("/{id}")
	View get(Caller caller, @PathVariable UUID id) {
		return view(run(caller, id));
	}

	@PostMapping("/{id}/cancel")
	View cancel(Caller caller, @PathVariable UUID id) {
		var run = run(caller, id);
		run.requireCancellable();
		transaction.executeWithoutResult(status -> {
			runs.finish(id, EvalRun.Status.CANCELLED, null);
			audit.updated(caller, "eval_run", id, Map.of("status", run.status().wire()), Map.of("status", "cancelled"));
		});
		runner.cancel(id);
		return get(caller, id);
	}

	@GetMapping("/{id}/results")
	Page<Map<String, Object>> results(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String model,
			PageRequest page) {
		run(caller, id);
		return results.page(id, model, page);
	}

	/** Progress as server-sent events ({@code progress} about every second), ending with the final state. */
	@GetMapping(path = "/{id}/events", produces = "text/event-stream")
	SseEmitter events(Caller caller, @PathVariable UUID id) {
		run(caller, id);
		var emitter = new SseEmitter(0L);
		var task = new AtomicReference<ScheduledFuture<?>>();
		task.set(ticker.scheduleAtFixedRate(() -> {
			try {
				var run = runs.byId(caller.orgId(), id).orElseThrow();
				boolean last = run.status().terminal();
				emitter.send(SseEmitter.event().name(last ? "done" : "progress").data(last ? view(run) : new View(run, run.progress(), null)));
				if (last) {
					emitter.complete();
					task.get().cancel(false);
				}
			}
			catch (IOException | RuntimeException e) {
				emitter.completeWithError(e);
				if (task.get() != null) {
					task.get().cancel(false);
				}
			}
		}, 0, 1, TimeUnit.SECONDS));
		emitter.onCompletion(() -> task.get().cancel(false));
		emitter.onTimeout(() -> task.get().cancel(false));
		return emitter;
	}

	private EvalRun run(Caller caller, UUID id) {
		return runs.byId(caller.orgId(), id).orElseThrow(() -> new NotFound("Evaluation run", id));
	}

	private Suite suite(Caller caller, String suite, String version) {
		try {
			var id = UUID.fromString(suite);
			return suites.byId(caller.orgId(), id).orElseThrow(() -> new NotFound("Suite", id));
		}
		catch (IllegalArgumentException notAnId) {
			var matches = suites.page(caller.orgId(), null, suite, version, PageRequest.first(PageRequest.MAX_SIZE)).items();
			if (matches.isEmpty()) {
				throw new InvalidInput("suite", "no suite named '" + suite + "'" + (version == null ? "" : " at version " + version));
			}
			return matches.stream().max(java.util.Comparator.comparing(Suite::createdAt)).orElseThrow();
		}
	}

	private View view(EvalRun run) {
		return new View(run, run.progress(), results.summary(run.id()));
	}

	record RunParams(@DecimalMin("0") @DecimalMax("2") Double temperature, @Min(1) @Max(200_000) Integer maxTokens, Long seed) {
	}

	record NewRun(@NotBlank String suite, String suiteVersion, @NotEmpty @Size(max = 20) List<@NotBlank String> models,
			@Valid RunParams params, @Size(max = 20_000) String promptTemplate, @Min(1) @Max(100) Integer repeats,
			@Min(1) @Max(512) Integer concurrency) {
	}

	/** A run with its progress and, when asked for one run, the summary per model. */
	record View(@com.fasterxml.jackson.annotation.JsonUnwrapped EvalRun run, EvalRun.Progress progress,
			List<EvalResults.ModelSummary> summary) {
	}
}
