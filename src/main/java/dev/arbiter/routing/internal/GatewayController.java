package dev.arbiter.routing.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.arbiter.registry.ModelCatalog;
import dev.arbiter.routing.DomainClassifier;
import dev.arbiter.routing.GatewaySettings;
import dev.arbiter.shared.Ids;
import dev.arbiter.shared.Time;
import dev.arbiter.telemetry.EventSource;
import dev.arbiter.telemetry.MetricEvent;
import dev.arbiter.tenancy.Caller;
import dev.arbiter.tenancy.KeyBudgets;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAI-compatible gateway. {@code model} is a registered model (its best assignment), a
 * named route, or {@code auto}. The domain comes from {@code X-Arbiter-Domain}, {@code
 * metadata.domain} or the classifier; candidates are ranked by the route's strategy over the
 * metrics snapshot and tried in order, falling back on 429, 5xx, timeouts and connection errors
 * (for streams, only before the first byte is sent). Assignments cooling down after a 429, with an
 * open circuit breaker, or costing more than the API key's budget has left are skipped; the
 * budget is reserved before each call and settled after it. Every request leaves a decision, and
 * every upstream call a metric event, written off the request path.
 */
@RestController
class GatewayController {

	private final ModelCatalog catalog;

	private final DomainClassifier classifier;

	private final Ranker ranker;

	private final UpstreamProxy proxy;

	private final DecisionLog decisions;

	private final ObjectMapper json;

	private final OrgViews views;

	private final Breakers breakers;

	private final KeyBudgets keyBudgets;

	private final KeySpend spend;

	private final GatewaySettings settings;

	private final Verifier verifier;

	GatewayController(ModelCatalog catalog, OrgViews views, DomainClassifier classifier, Ranker ranker, UpstreamProxy proxy,
			DecisionLog decisions, ObjectMapper json, Breakers breakers, KeyBudgets keyBudgets, KeySpend spend, GatewaySettings settings,
			Verifier verifier) {
		this.verifier = verifier;
		this.breakers = breakers;
		this.keyBudgets = keyBudgets;
		this.spend = spend;
		this.settings = settings;
		this.catalog = catalog;
		this.views = views;
		this.classifier = classifier;
		this.ranker = ranker;
		this.proxy = proxy;
		this.decisions = decisions;
		this.json = json;
	}

	@GetMapping("/v1/models")
	Map<String, Object> models(Caller caller) {
		var view = views.of(caller.orgId());
		var data = new ArrayList<Map<String, Object>>();
		var created = Time.now().toEpochSecond();
		data.add(Map.of("id", "auto", "object", "model", "created", created, "owned_by", "arbiter"));
		view.routes().keySet().forEach(name -> data.add(Map.of("id", name, "object", "model", "created", created, "owned_by", "arbiter-route")));
		view.models().values().stream().filter(m -> m.status().name().equals("ACTIVE") || m.status().name().equals("EXPERIMENTAL"))
			.forEach(m -> data.add(Map.of("id", m.name(), "object", "model", "created", created, "owned_by", "arbiter")));
		return Map.of("object", "list", "data", data);
	}

	/** {@code POST /v1/chat/completions}, called by {@link GatewayServlet}. */
	void chat(Caller caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
		ObjectNode body;
		try {
			var tree = json.readTree(request.getInputStream());
			if (tree == null || !tree.isObject()) {
				error(response, 400, "The request body must be a JSON object", "invalid_request_error", null);
				return;
			}
			body = (ObjectNode) tree;
		}
		catch (JacksonException e) {
			error(response, 400, "Malformed JSON: " + e.getOriginalMessage(), "invalid_request_error", null);
			return;
		}
		var requested = body.path("model").asString("");
		if (requested.isBlank()) {
			error(response, 400, "'model' is required: a model name, a route name or 'auto'", "invalid_request_error", "model");
			return;
		}
		if (!body.path("messages").isArray() || body.path("messages").isEmpty()) {
			error(response, 400, "'messages' must be a non-empty array", "invalid_request_error", "messages");
			return;
		}
		var view = views.of(caller.orgId());
		Route route;
		List<ModelCatalog.Upstream> upstreams;
		if (requested.equals("auto")) {
			route = Route.auto();
			upstreams = view.upstreams();
		}
		else if (view.routes().containsKey(requested)) {
			route = view.routes().get(requested);
			upstreams = view.upstreams();
		}
		else if (view.models().containsKey(requested)) {
			route = null;
			upstreams = view.upstreams().stream().filter(u -> u.model().equals(requested)).toList();
		}
		else {
			error(response, 404, "The model '" + requested + "' does not exist: use a registered model, a route or 'auto' (GET /v1/models)",
					"invalid_request_error", "model_not_found");
			return;
		}
		boolean stream = body.path("stream").asBoolean(false);
		var domain = domain(caller.orgId(), request, body);
		var needs = needs(body);
		var policy = route != null ? route : new Route(null, null, Strategy.QUALITY, Map.of(), List.of(), Route.Constraints.NONE, List.of(),
				null, null, null, null);
		var ranked = new ArrayList<>(ranker.rank(caller.orgId(), domain.slug(), policy, upstreams, view.models(), needs));
		var budget = keyBudgets.budgetOf(caller.keyId()).map(b -> spend.current(caller.keyId(), b)).orElse(null);
		var permitted = new ArrayList<Candidate>();
		var decisionId = Ids.next();
		var started = Time.now();
		var attempts = new ArrayList<Map<String, Object>>();
		var events = new ArrayList<MetricEvent>();
		response.setHeader("X-Arbiter-Decision-Id", decisionId.toString());
		response.setHeader("X-Arbiter-Domain", domain.slug());
		Candidate chosen = null;
		boolean success = false;
		String failure = null;
		BigDecimal actualCost = null;
		Double latency = null;
		List<Candidate> viable = List.of();
		try {
			filterUnavailable(caller, ranked, budget, needs, permitted);
			viable = ranked.stream().filter(c -> c.removedBy() == null).toList();
			boolean overBudget = false;
			if (viable.isEmpty() && ranked.stream().anyMatch(c -> "budget".equals(c.removedBy()))) {
				overBudget = true;
			}
			else if (viable.isEmpty()) {
				failure = ranked.isEmpty() ? "no active assignment serves '" + requested + "'"
						: "every candidate was filtered out: " + ranked.stream().map(c -> c.upstream().model() + "@" + c.upstream().agent()
								+ " (" + c.removedBy() + ")").collect(Collectors.joining(", "));
				error(response, 503, "No model can serve this request: " + failure, "server_error", "no_candidates");
			}
			for (var candidate : viable) {
				var estimate = budgetEstimate(caller.orgId(), candidate, needs);
				if (budget != null && !spend.reserve(budget, estimate)) {
					overBudget = true;
					continue;
				}
				overBudget = false;
				BigDecimal charged = BigDecimal.ZERO;
				try {
					boolean anthropic = "anthropic".equals(candidate.upstream().apiType());
					byte[] upstreamBody;
					if (anthropic) {
						upstreamBody = AnthropicWire.request(json, body, candidate.upstream().upstreamModel(), stream);
					}
					else {
						var copy = body.deepCopy();
						copy.put("model", candidate.upstream().upstreamModel());
						copy.remove("metadata");
						upstreamBody = json.writeValueAsBytes(copy);
					}
					long sentAt = System.nanoTime();
					var answer = proxy.send(candidate.upstream(), upstreamBody, stream);
					byte[] whole = null;
					if (answer.ok() && !stream) {
						whole = proxy.readAll(answer);
						if (whole != null && anthropic) {
							whole = AnthropicWire.completion(json, whole, candidate.upstream().model());
							if (whole == null) {
								answer = answer.timedOut("the Anthropic agent's answer is not a message", (System.nanoTime() - sentAt) / 1e6);
							}
						}
						if (whole == null) {
							answer = answer.timedOut("the body did not arrive in full within " + settings.totalTimeout().toSeconds() + " s",
									(System.nanoTime() - sentAt) / 1e6);
						}
					}
					permitted.remove(candidate);
					var attempt = new LinkedHashMap<String, Object>();
					attempt.put("model", candidate.upstream().model());
					attempt.put("agent", candidate.upstream().agent());
					attempt.put("status", answer.status());
					attempts.add(attempt);
					if (!answer.ok() && answer.worthAnotherCandidate()) {
						if (answer.status() == 429) {
							breakers.coolDown(candidate.upstream().assignmentId(), answer.retryAfter(settings.cooldown()));
						}
						breakers.failed(caller.orgId(), candidate.upstream(), answer.latencyMs(), answer.errorType());
						drain(answer);
						attempt.put("error", answer.errorType() + (answer.error() == null ? "" : ": " + answer.error()));
						events.add(event(caller, decisionId, domain.slug(), candidate, answer.latencyMs(), null, null, null, null, false,
								answer.errorType(), null));
						continue;
					}
					chosen = candidate;
					response.setHeader("X-Arbiter-Model", candidate.upstream().model());
					var relayed = anthropic ? relayAnthropic(answer, response, stream, whole, candidate.upstream().model(),
							body.path("stream_options").path("include_usage").asBoolean(false)) : relay(answer, response, stream, whole);
					latency = answer.latencyMs() + relayed.readMs();
					success = answer.ok() && relayed.complete();
					if (success || !answer.ok() || relayed.clientGone()) {
						// the upstream did its part; a client that hung up is not its failure
						breakers.succeeded(caller.orgId(), candidate.upstream(), latency);
					}
					else {
						breakers.failed(caller.orgId(), candidate.upstream(), latency, "stream_broken");
					}
					actualCost = cost(caller.orgId(), candidate, relayed.tokensIn(), relayed.tokensOut());
					charged = actualCost != null ? actualCost : answer.ok() ? estimate : BigDecimal.ZERO;
					boolean upstreamFine = success || relayed.clientGone();
					// time to first token of a stream: the upstream's headers, then its first chunk
					Double ttft = stream && relayed.firstChunkMs() != null ? answer.latencyMs() + relayed.firstChunkMs() : null;
					events.add(event(caller, decisionId, domain.slug(), candidate, latency, ttft, relayed.tokensIn(), relayed.tokensOut(),
							actualCost, upstreamFine, upstreamFine ? null : answer.ok() ? "stream_broken" : "http_" + answer.status(),
							relayed.finishReason()));
					if (success && !stream) {
						verifier.consider(route, decisionId, caller.orgId(), candidate.upstream(), domain.slug(), lastUserText(body),
								relayed.answer());
					}
					if (!success) {
						failure = relayed.clientGone() ? "the client closed the connection before the answer ended"
								: answer.ok() ? "the upstream stream broke off" : "the upstream refused the request (" + answer.status() + ")";
					}
					break;
				}
				finally {
					if (budget != null) {
						spend.settle(budget, estimate, charged);
					}
				}
			}
			if (overBudget) {
				failure = "the API key's budget is used up";
				error(response, 429, "API key budget of $" + budget.budget().usd().stripTrailingZeros().toPlainString() + " per "
						+ budget.budget().period() + " is used up (or too little is left for this request); it renews on " + budget.next()
						+ " (UTC)", "insufficient_quota", "budget_exceeded");
			}
			else if (chosen == null && !viable.isEmpty()) {
				failure = "every candidate failed: " + attempts.stream().map(a -> a.get("model") + "@" + a.get("agent") + " (" + a.get("error") + ")")
					.collect(Collectors.joining(", "));
				error(response, 502, "No upstream answered: " + failure, "server_error", "upstreams_failed");
			}
		}
		finally {
			permitted.forEach(unused -> breakers.release(caller.orgId(), unused.upstream()));
		}
		var first = viable.isEmpty() ? null : viable.get(0);
		decisions.record(new DecisionLog.Decision(decisionId, caller.orgId(), header(request, "X-Request-Id"), started, requested,
				route == null ? null : route.name(), policy.strategy().wire(), domain.slug(), domain.source(), domain.confidence(),
				chosen == null ? null : chosen.upstream().model(), chosen == null ? null : chosen.upstream().agent(),
				chosen == null ? null : chosen.upstream().assignmentId(), ranked.stream().map(Candidate::describe).toList(), attempts,
				explain(policy, domain, chosen, ranked), chosen != null && chosen != first,
				chosen != null && chosen != first && !attempts.isEmpty() ? attempts.get(0).get("model") + " failed: " + attempts.get(0).get("error")
						: null,
				first == null || first.estimatedCost() == null ? null : BigDecimal.valueOf(first.estimatedCost()), actualCost, latency,
				success, failure, stream, caller.keyId(), events));
	}

	/**
	 * Takes out, in place, candidates the gateway should not call now: those cooling down after a
	 * 429, those whose estimated cost alone exceeds what is left of the key's budget, and those whose
	 * circuit breaker is open. The breaker permits of those that stay are collected in
	 * {@code permitted}; each must be used or released.
	 */
	private void filterUnavailable(Caller caller, List<Candidate> ranked, KeySpend.Period budget, Ranker.Needs needs,
			List<Candidate> permitted) {
		var remaining = budget == null ? null : spend.remaining(budget);
		for (int i = 0; i < ranked.size(); i++) {
			var candidate = ranked.get(i);
			if (candidate.removedBy() != null) {
				continue;
			}
			if (breakers.coolingDown(candidate.upstream().assignmentId())) {
				ranked.set(i, candidate.removed("cooldown"));
			}
			else if (remaining != null && budgetEstimate(caller.orgId(), candidate, needs).compareTo(remaining) > 0) {
				ranked.set(i, candidate.removed("budget"));
			}
			else if (!breakers.permit(caller.orgId(), candidate.upstream())) {
				ranked.set(i, candidate.removed("circuit_open"));
			}
			else {
				permitted.add(candidate);
			}
		}
	}

	/**
	 * What a call to the candidate is reserved against a budget: the ranker's estimate, or when the
	 * request caps its output, the cost of the prompt and that many output tokens if that is more.
	 */
	private BigDecimal budgetEstimate(UUID orgId, Candidate candidate, Ranker.Needs needs) {
		var estimate = candidate.estimatedCost() == null ? BigDecimal.ZERO : BigDecimal.valueOf(candidate.estimatedCost());
		if (needs.maxTokens() == null) {
			return estimate;
		}
		return catalog.priceAt(orgId, candidate.upstream().model(), Time.now())
			.map(price -> price.cost(needs.promptTokens(), needs.maxTokens()))
			.filter(capped -> capped.compareTo(estimate) > 0)
			.orElse(estimate);
	}

	record DomainChoice(String slug, String source, Double confidence) {
	}

	private DomainChoice domain(UUID orgId, HttpServletRequest request, JsonNode body) {
		var header = header(request, "X-Arbiter-Domain");
		if (header != null) {
			return new DomainChoice(header.toLowerCase(), "header", null);
		}
		var metadata = body.path("metadata").path("domain").asString("");
		if (!metadata.isBlank()) {
			return new DomainChoice(metadata.toLowerCase(), "metadata", null);
		}
		var classification = classifier.classify(orgId, lastUserText(body));
		return new DomainChoice(classification.domain(), classification.fallback() ? "default" : "classifier", classification.confidence());
	}

	private static String lastUserText(JsonNode body) {
		var messages = body.path("messages");
		for (int i = messages.size() - 1; i >= 0; i--) {
			var message = messages.get(i);
			if ("user".equals(message.path("role").asString(""))) {
				return text(message.path("content"));
			}
		}
		return "";
	}

	static String text(JsonNode content) {
		if (content.isString()) {
			return content.asString();
		}
		var text = new StringBuilder();
		content.forEach(part -> text.append(part.path("text").asString("")).append(' '));
		return text.toString().trim();
	}

	private static Ranker.Needs needs(JsonNode body) {
		long chars = 0;
		var capabilities = new HashSet<String>();
		for (var message : body.path("messages")) {
			var content = message.path("content");
			chars += text(content).length();
			if (content.isArray()) {
				content.forEach(part -> {
					if ("image_url".equals(part.path("type").asString(""))) {
						capabilities.add("vision");
					}
				});
			}
		}
		if (body.path("tools").isArray() && !body.path("tools").isEmpty()) {
			capabilities.add("tools");
		}
		var format = body.path("response_format").path("type").asString("");
		if (format.startsWith("json")) {
			capabilities.add("json");
		}
		Integer maxTokens = body.has("max_completion_tokens") ? Integer.valueOf(body.path("max_completion_tokens").asInt())
				: body.has("max_tokens") ? Integer.valueOf(body.path("max_tokens").asInt()) : null;
		return new Ranker.Needs((int) (chars / 4) + 8, maxTokens, capabilities);
	}

	/** What relaying an answer came to; {@code clientGone} when writing to the client is what failed. */
	record Relayed(boolean complete, Integer tokensIn, Integer tokensOut, String finishReason, double readMs, String answer,
			boolean clientGone, Double firstChunkMs) {

		Relayed(boolean complete, Integer tokensIn, Integer tokensOut, String finishReason, double readMs, String answer) {
			this(complete, tokensIn, tokensOut, finishReason, readMs, answer, false, null);
		}
	}

	/** The client's side of a streamed relay: remembers whether it was writing to the client that failed. */
	private static final class ClientStream {

		private final java.io.OutputStream out;

		private boolean gone;

		private final long startNanos = System.nanoTime();

		/** When the first bytes of the answer were sent, in ms after the relay began. */
		private Double firstChunkMs;

		ClientStream(java.io.OutputStream out) {
			this.out = out;
		}

		void write(byte[] bytes, int offset, int length) throws IOException {
			if (firstChunkMs == null && length > 0) {
				firstChunkMs = (System.nanoTime() - startNanos) / 1e6;
			}
			try {
				out.write(bytes, offset, length);
			}
			catch (IOException e) {
				gone = true;
				throw e;
			}
		}

		void flush() throws IOException {
			try {
				out.flush();
			}
			catch (IOException e) {
				gone = true;
				throw e;
			}
		}
	}

	/** Copies the upstream's answer to the client as it comes: status, content type and body bytes. */
	private Relayed relay(UpstreamProxy.Answer answer, HttpServletResponse response, boolean stream, byte[] whole) throws IOException {
		long start = System.nanoTime();
		response.setStatus(answer.status());
		var contentType = answer.exchange().header("Content-Type");
		response.setContentType(contentType != null ? contentType : stream ? "text/event-stream" : "application/json");
		var out = response.getOutputStream();
		var client = new ClientStream(out);
		try (InputStream in = whole != null ? InputStream.nullInputStream() : answer.exchange().body()) {
			if (!stream) {
				var bytes = whole != null ? whole : in.readAllBytes();
				// Not flushed and no Content-Length: the container sends the answer in one write when the
				// request ends, after the budget is settled, so a client that has it sees its spend booked.
				out.write(bytes);
				return relayedWhole(bytes, start);
			}
			var line = new ByteArrayOutputStream();
			Integer tokensIn = null;
			Integer tokensOut = null;
			String finish = null;
			boolean done = false;
			var buffer = new byte[8192];
			int n;
			while ((n = in.read(buffer)) > 0) {
				for (int i = 0; i < n; i++) {
					if (buffer[i] != '\n') {
						line.write(buffer[i]);
						continue;
					}
					var text = line.toString(StandardCharsets.UTF_8).trim();
					line.reset();
					if (text.equals("data: [DONE]")) {
						done = true;
					}
					else if (text.startsWith("data: {") && mayCarryUsageOrFinish(text)) {
						var chunk = parseQuietly(text.substring(6).getBytes(StandardCharsets.UTF_8));
						if (chunk != null && chunk.path("usage").isObject()) {
							tokensIn = intOrNull(chunk.path("usage").path("prompt_tokens"));
							tokensOut = intOrNull(chunk.path("usage").path("completion_tokens"));
						}
						if (chunk != null && !chunk.path("choices").path(0).path("finish_reason").isNull()
								&& !chunk.path("choices").path(0).path("finish_reason").isMissingNode()) {
							finish = chunk.path("choices").path(0).path("finish_reason").asString();
						}
					}
				}
				client.write(buffer, 0, n);
				if (!done) {
					// what ends the stream goes out with the end of the response, in one write
					client.flush();
				}
			}
			return new Relayed(done, tokensIn, tokensOut, finish, (System.nanoTime() - start) / 1e6, null, false, client.firstChunkMs);
		}
		catch (IOException e) {
			return new Relayed(false, null, null, null, (System.nanoTime() - start) / 1e6, null, client.gone, client.firstChunkMs);
		}
		finally {
			answer.exchange().close();
		}
	}

	/**
	 * Relays an Anthropic agent's answer in OpenAI's wire format: a non-streamed message was already
	 * translated into {@code whole}; an error body becomes OpenAI's error JSON; a stream is
	 * translated event by event as it comes.
	 */
	private Relayed relayAnthropic(UpstreamProxy.Answer answer, HttpServletResponse response, boolean stream, byte[] whole, String model,
			boolean includeUsage) throws IOException {
		if (whole != null || !answer.ok()) {
			byte[] bytes = whole;
			if (bytes == null) {
				try (var in = answer.exchange().body()) {
					bytes = AnthropicWire.error(json, in.readAllBytes());
				}
				catch (IOException e) {
					bytes = AnthropicWire.error(json, new byte[0]);
				}
				finally {
					answer.exchange().close();
				}
			}
			long start = System.nanoTime();
			response.setStatus(answer.status());
			response.setContentType("application/json");
			response.getOutputStream().write(bytes);
			return answer.ok() ? relayedWhole(bytes, start) : new Relayed(true, null, null, null, (System.nanoTime() - start) / 1e6, null);
		}
		long start = System.nanoTime();
		var translator = new AnthropicWire.Stream(json, model, includeUsage);
		response.setStatus(answer.status());
		response.setContentType("text/event-stream");
		var client = new ClientStream(response.getOutputStream());
		try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(answer.exchange().body(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				var bytes = translator.translate(line);
				if (bytes != null) {
					client.write(bytes, 0, bytes.length);
					client.flush();
				}
			}
		}
		catch (IOException e) {
			// the stream broke off: what was sent stays sent
		}
		finally {
			answer.exchange().close();
		}
		return new Relayed(translator.complete(), translator.tokensIn(), translator.tokensOut(), translator.finishReason(),
				(System.nanoTime() - start) / 1e6, null, client.gone, client.firstChunkMs);
	}

	/** A non-streamed chat completion, sent: its usage, finish reason and answer, read from its JSON. */
	private Relayed relayedWhole(byte[] completion, long startNanos) {
		var parsed = parseQuietly(completion);
		var choice = parsed == null ? null : parsed.path("choices").path(0);
		return new Relayed(true, parsed == null ? null : intOrNull(parsed.path("usage").path("prompt_tokens")),
				parsed == null ? null : intOrNull(parsed.path("usage").path("completion_tokens")),
				choice == null ? null : choice.path("finish_reason").asString(null), (System.nanoTime() - startNanos) / 1e6,
				choice == null ? null : choice.path("message").path("content").asString(null));
	}

	/** Only chunks with usage or a finish reason are parsed; the content deltas in between are not. */
	private static boolean mayCarryUsageOrFinish(String chunk) {
		return chunk.contains("\"usage\":{") || chunk.contains("\"usage\": {") || chunk.contains("\"finish_reason\"") && !chunk.contains("\"finish_reason\":null")
				&& !chunk.contains("\"finish_reason\": null");
	}

	private JsonNode parseQuietly(byte[] bytes) {
		try {
			return json.readTree(bytes);
		}
		catch (JacksonException e) {
			return null;
		}
	}

	private static Integer intOrNull(JsonNode node) {
		return node.isIntegralNumber() ? node.asInt() : null;
	}

	private static void drain(UpstreamProxy.Answer answer) {
		if (answer.exchange() != null) {
			try (var in = answer.exchange().body()) {
				in.readAllBytes();
			}
			catch (IOException e) {
				// the connection is dropped either way
			}
			finally {
				answer.exchange().close();
			}
		}
	}

	private BigDecimal cost(UUID orgId, Candidate candidate, Integer tokensIn, Integer tokensOut) {
		if (tokensIn == null && tokensOut == null) {
			return null;
		}
		return catalog.priceAt(orgId, candidate.upstream().model(), Time.now())
			.map(price -> price.cost(tokensIn == null ? 0 : tokensIn, tokensOut == null ? 0 : tokensOut))
			.orElse(null);
	}

	private MetricEvent event(Caller caller, UUID decisionId, String domain, Candidate candidate, double latencyMs, Double ttftMs,
			Integer tokensIn, Integer tokensOut, BigDecimal cost, boolean success, String errorType, String finishReason) {
		return new MetricEvent(Ids.next(), Time.now(), candidate.upstream().model(), candidate.upstream().agent(), domain,
				EventSource.GATEWAY, decisionId.toString(), null, null, latencyMs, ttftMs, tokensIn, tokensOut,
				cost, success, errorType, finishReason,
				finishReason == null ? null : "length".equals(finishReason), null, null, null, caller.keyId(), null, null, null);
	}

	private static String explain(Route policy, DomainChoice domain, Candidate chosen, List<Candidate> ranked) {
		if (chosen == null) {
			return "no candidate answered";
		}
		return "domain " + domain.slug() + " (" + domain.source() + "), strategy " + policy.strategy().wire() + ": chose "
				+ chosen.upstream().model() + "@" + chosen.upstream().agent() + " with score " + Math.round(chosen.score() * 1000) / 1000.0
				+ " among " + ranked.stream().filter(c -> c.removedBy() == null).count() + " candidate(s)";
	}

	private static String header(HttpServletRequest request, String name) {
		var value = request.getHeader(name);
		return value == null || value.isBlank() ? null : value.trim();
	}

	void error(HttpServletResponse response, int status, String message, String type, String code) throws IOException {
		response.setStatus(status);
		response.setContentType("application/json");
		var error = new LinkedHashMap<String, Object>();
		error.put("message", message);
		error.put("type", type);
		error.put("param", null);
		error.put("code", code);
		response.getOutputStream().write(json.writeValueAsBytes(Map.of("error", error)));
	}
}
