package dev.arbiter.telemetry.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.arbiter.ArbiterApplication;
import dev.arbiter.cli.ArbiterCommand;
import dev.arbiter.support.Api;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two ingestion adapters over real HTTP, once per database: OpenTelemetry GenAI spans on
 * {@code /v1/traces} (OTLP JSON and protobuf) and Bedrock invocation logs on
 * {@code /api/v1/events:import}, directly and through {@code arbiter events import}.
 */
@SpringBootTest(classes = ArbiterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "arbiter.metrics.aggregate-every=1h")
abstract class TelemetryAdaptersContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api api;

	String key;

	abstract Path dataDir();

	@BeforeEach
	void connect() throws IOException {
		key = Files.readString(dataDir().resolve("admin.key")).trim();
		api = new Api(base(), key);
	}

	// --- OTLP ---

	@Test
	void otlpJsonGenAiSpansBecomeEventsAndOtherSpansAreSkipped() {
		var traceId = hex(16);
		var start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS);
		long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
		var chat = hex(8);
		var failed = hex(8);
		var body = """
				{"resourceSpans":[{
				  "resource":{"attributes":[{"key":"service.name","value":{"stringValue":"support-bot"}}]},
				  "scopeSpans":[{"scope":{"name":"opentelemetry.instrumentation.openai","version":"0.1"},"spans":[
				    {"traceId":"%1$s","spanId":"%2$s","name":"chat gpt-4o-mini","kind":3,
				     "startTimeUnixNano":"%4$d","endTimeUnixNano":"%5$d",
				     "attributes":[
				       {"key":"gen_ai.operation.name","value":{"stringValue":"chat"}},
				       {"key":"gen_ai.system","value":{"stringValue":"openai"}},
				       {"key":"gen_ai.request.model","value":{"stringValue":"gpt-4o-mini"}},
				       {"key":"gen_ai.response.model","value":{"stringValue":"gpt-4o-mini-2024-07-18"}},
				       {"key":"gen_ai.usage.input_tokens","value":{"intValue":"120"}},
				       {"key":"gen_ai.usage.output_tokens","value":{"intValue":48}},
				       {"key":"gen_ai.response.finish_reasons","value":{"arrayValue":{"values":[{"stringValue":"length"}]}}},
				       {"key":"server.address","value":{"stringValue":"api.openai.example"}},
				       {"key":"arbiter.domain","value":{"stringValue":"code"}},
				       {"key":"temperature","value":{"doubleValue":0.2}},
				       {"key":"stream","value":{"boolValue":false}}],
				     "status":{}},
				    {"traceId":"%1$s","spanId":"%3$s","parentSpanId":"%2$s","name":"chat","kind":3,
				     "startTimeUnixNano":%4$d,"endTimeUnixNano":%6$d,
				     "attributes":[
				       {"key":"gen_ai.provider.name","value":{"stringValue":"anthropic"}},
				       {"key":"gen_ai.response.model","value":{"stringValue":"claude-sonnet"}},
				       {"key":"gen_ai.usage.prompt_tokens","value":{"intValue":"7"}},
				       {"key":"error.type","value":{"stringValue":"rate_limited"}}],
				     "status":{"code":2,"message":"429 Too Many Requests"}},
				    {"traceId":"%1$s","spanId":"%7$s","name":"GET /orders","kind":2,
				     "startTimeUnixNano":"%4$d","endTimeUnixNano":"%5$d",
				     "attributes":[{"key":"http.request.method","value":{"stringValue":"GET"}}],
				     "someFutureField":{"ignored":true}}
				  ]}]
				}]}
				""".formatted(traceId, chat, failed, startNanos, startNanos + 1_234_500_000L, startNanos + 80_000_000L, hex(8));

		var response = api.postRaw("/v1/traces", body);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.body()).isEqualTo("{}");

		var ok = stored("request_id", chat);
		assertThat(ok.path("model").asString()).isEqualTo("gpt-4o-mini");
		assertThat(ok.path("source").asString()).isEqualTo("otlp");
		assertThat(ok.path("tokens_in").asInt()).isEqualTo(120);
		assertThat(ok.path("tokens_out").asInt()).isEqualTo(48);
		assertThat(ok.path("latency_ms").asDouble()).isEqualTo(1234.5);
		assertThat(ok.path("finish_reason").asString()).isEqualTo("length");
		assertThat(ok.path("truncated").asBoolean()).isTrue();
		assertThat(ok.path("success").asBoolean()).isTrue();
		assertThat(ok.path("agent").asString()).isEqualTo("api.openai.example");
		assertThat(ok.path("domain").asString()).isEqualTo("code");
		assertThat(ok.path("correlation_id").asString()).isEqualTo(traceId);
		assertThat(OffsetDateTime.parse(ok.path("occurred_at").asString()).toInstant()).isEqualTo(start);
		assertThat(ok.path("event_id").asString())
			.isEqualTo(UUID.nameUUIDFromBytes(("otlp:" + traceId + ":" + chat).getBytes(StandardCharsets.UTF_8)).toString());
		var metadata = ok.path("metadata");
		assertThat(metadata.path("provider").asString()).isEqualTo("openai");
		assertThat(metadata.path("service").asString()).isEqualTo("support-bot");
		assertThat(metadata.path("responseModel").asString()).isEqualTo("gpt-4o-mini-2024-07-18");

		var error = stored("request_id", failed);
		assertThat(error.path("model").asString()).isEqualTo("claude-sonnet");
		assertThat(error.path("success").asBoolean()).isFalse();
		assertThat(error.path("error_type").asString()).isEqualTo("rate_limited");
		assertThat(error.path("tokens_in").asInt()).isEqualTo(7);
		assertThat(error.path("latency_ms").asDouble()).isEqualTo(80.0);
		assertThat(error.path("metadata").path("provider").asString()).isEqualTo("anthropic");

		assertThat(count("correlation_id", traceId)).as("the HTTP span is not a model call").isEqualTo(2);
		assertThat(api.postRaw("/v1/traces", body).body()).isEqualTo("{}");
		assertThat(count("correlation_id", traceId)).as("re-sent spans are duplicates").isEqualTo(2);
	}

	@Test
	void otlpProtobufSpansBecomeEventsOnceEvenWhenSentTwiceAndGzipped() throws Exception {
		var traceId = randomBytes(16);
		long start = System.currentTimeMillis() * 1_000_000L - 30_000_000_000L;
		var request = ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(Resource.newBuilder().addAttributes(text("service.name", "batch-eval")))
				.addScopeSpans(ScopeSpans.newBuilder()
					.setScope(InstrumentationScope.newBuilder().setName("test"))
					.addSpans(genAiSpan(traceId, "llama-3.1-8b", start, start + 250_000_000L)
						.addAttributes(KeyValue.newBuilder().setKey("gen_ai.usage.input_tokens").setValue(AnyValue.newBuilder().setIntValue(10)))
						.addAttributes(KeyValue.newBuilder().setKey("gen_ai.usage.output_tokens").setValue(AnyValue.newBuilder().setIntValue(5)))
						.addAttributes(KeyValue.newBuilder().setKey("gen_ai.response.finish_reasons")
							.setValue(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
								.addValues(AnyValue.newBuilder().setStringValue("stop"))
								.addValues(AnyValue.newBuilder().setStringValue("length"))))))
					.addSpans(genAiSpan(traceId, "llama-3.1-8b", start, start + 2_000_000_000L)
						.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("upstream timed out")))
					.addSpans(Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(randomBytes(8)))
						.setName("SELECT orders").setStartTimeUnixNano(start).setEndTimeUnixNano(start + 1_000_000L))))
			.build();
		var traceHex = HexFormat.of().formatHex(traceId);

		var first = postBytes("/v1/traces", "application/x-protobuf", request.toByteArray(), false);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-protobuf");
		assertThat(ExportTraceServiceResponse.parseFrom(first.body()).hasPartialSuccess()).isFalse();

		var events = rows("correlation_id", traceHex);
		assertThat(events).hasSize(2);
		var ok = events.stream().filter(e -> e.path("success").asBoolean()).findFirst().orElseThrow();
		assertThat(ok.path("model").asString()).isEqualTo("llama-3.1-8b");
		assertThat(ok.path("source").asString()).isEqualTo("otlp");
		assertThat(ok.path("latency_ms").asDouble()).isEqualTo(250.0);
		assertThat(ok.path("tokens_in").asInt()).isEqualTo(10);
		assertThat(ok.path("tokens_out").asInt()).isEqualTo(5);
		assertThat(ok.path("finish_reason").asString()).isEqualTo("stop");
		var failed = events.stream().filter(e -> !e.path("success").asBoolean()).findFirst().orElseThrow();
		assertThat(failed.path("error_type").asString()).isEqualTo("upstream timed out");
		assertThat(failed.path("latency_ms").asDouble()).isEqualTo(2000.0);

		var again = postBytes("/v1/traces", "application/x-protobuf", request.toByteArray(), true);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(ExportTraceServiceResponse.parseFrom(again.body()).hasPartialSuccess()).isFalse();
		assertThat(count("correlation_id", traceHex)).isEqualTo(2);
	}

	@Test
	void otlpSpansWhoseEventsAreInvalidAreCountedAsRejected() {
		var traceId = hex(16);
		var good = hex(8);
		var body = """
				{"resourceSpans":[{"scopeSpans":[{"spans":[
				  {"traceId":"%1$s","spanId":"%2$s","name":"chat",
				   "attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"m-%1$s"}}]},
				  {"traceId":"%1$s","spanId":"%3$s","name":"chat",
				   "attributes":[{"key":"gen_ai.request.model","value":{"stringValue":"m-%1$s"}},
				                 {"key":"gen_ai.usage.input_tokens","value":{"intValue":"-5"}}]}
				]}]}]}
				""".formatted(traceId, good, hex(8));
		var response = api.postRaw("/v1/traces", body);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("partialSuccess").path("rejectedSpans").asString()).isEqualTo("1");
		assertThat(response.json().path("partialSuccess").path("errorMessage").asString()).contains("tokensIn: must not be negative");
		assertThat(count("correlation_id", traceId)).isEqualTo(1);
	}

	@Test
	void malformedOtlpBodiesAreRefused() throws Exception {
		var truncatedJson = api.postRaw("/v1/traces", "{\"resourceSpans\": [");
		assertThat(truncatedJson.status()).isEqualTo(400);
		assertThat(truncatedJson.contentType()).startsWith("application/problem+json");
		assertThat(truncatedJson.text("detail")).contains("malformed JSON");
		assertThat(api.postRaw("/v1/traces", "{\"resourceSpans\": 5}").status()).isEqualTo(400);
		assertThat(api.postRaw("/v1/traces", "[]").status()).isEqualTo(400);
		var base64Id = api.postRaw("/v1/traces", "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"W47/95gDgQPSabYzgT/GDA==\"}]}]}]}");
		assertThat(base64Id.status()).isEqualTo(400);
		assertThat(base64Id.text("detail")).contains("traceId must be 32 hex digits");
		var badProtobuf = postBytes("/v1/traces", "application/x-protobuf", new byte[] { 0x0A, (byte) 0xFF, 0x01 }, false);
		assertThat(badProtobuf.statusCode()).isEqualTo(400);
		assertThat(new String(badProtobuf.body(), StandardCharsets.UTF_8)).contains("protobuf");
		assertThat(postBytes("/v1/traces", "text/csv", "a,b".getBytes(StandardCharsets.UTF_8), false).statusCode()).isEqualTo(415);
	}

	// --- Bedrock invocation logs ---

	@Test
	void bedrockLogImportsEachInvocationOnce() {
		var run = "run-" + suffix();
		var log = sampleLog(run);

		var first = api.postRaw("/api/v1/events:import?format=bedrock", log);
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.json().path("lines").asInt()).isEqualTo(6);
		assertThat(first.json().path("accepted").asInt()).isEqualTo(5);
		assertThat(first.json().path("rejected").asInt()).isZero();

		var converse = stored("request_id", run + "-converse");
		assertThat(converse.path("model").asString()).isEqualTo("anthropic.claude-3-haiku-20240307-v1:0");
		assertThat(converse.path("source").asString()).isEqualTo("import");
		assertThat(converse.path("tokens_in").asInt()).isEqualTo(35);
		assertThat(converse.path("tokens_out").asInt()).isEqualTo(446);
		assertThat(converse.path("latency_ms").asDouble()).isEqualTo(3640.0);
		assertThat(converse.path("finish_reason").asString()).isEqualTo("end_turn");
		assertThat(converse.path("truncated").asBoolean()).isFalse();
		assertThat(converse.path("success").asBoolean()).isTrue();
		assertThat(converse.path("agent").asString()).isEqualTo("bedrock:us-east-1");
		assertThat(converse.path("user_ref").asString()).isEqualTo("arn:aws:sts::123456789012:assumed-role/app/session");
		assertThat(OffsetDateTime.parse(converse.path("occurred_at").asString()).toInstant())
			.isEqualTo(Instant.parse("2025-04-09T23:00:17Z"));
		assertThat(converse.path("metadata").path("operation").asString()).isEqualTo("Converse");
		assertThat(converse.path("event_id").asString()).isEqualTo(
				UUID.nameUUIDFromBytes(("bedrock:" + run + "-converse").getBytes(StandardCharsets.UTF_8)).toString());

		var stream = stored("request_id", run + "-stream");
		assertThat(stream.path("latency_ms").asDouble()).isEqualTo(2210.0);
		assertThat(stream.path("ttft_ms").asDouble()).isEqualTo(420.0);
		assertThat(stream.path("tokens_out").asInt()).isEqualTo(200);
		assertThat(stream.path("finish_reason").asString()).isEqualTo("max_tokens");
		assertThat(stream.path("truncated").asBoolean()).isTrue();

		var throttled = stored("request_id", run + "-throttled");
		assertThat(throttled.path("success").asBoolean()).isFalse();
		assertThat(throttled.path("error_type").asString()).isEqualTo("ThrottlingException");

		var wrapped = stored("request_id", run + "-wrapped");
		assertThat(wrapped.path("model").asString()).isEqualTo("eu.amazon.nova-micro-v1:0");
		assertThat(wrapped.path("latency_ms").asDouble()).isEqualTo(512.0);
		assertThat(wrapped.path("tokens_out").asInt()).isEqualTo(30);
		assertThat(wrapped.path("metadata").path("modelId").asString()).startsWith("arn:aws:bedrock:eu-central-1:");

		var prefixed = stored("request_id", run + "-prefixed");
		assertThat(prefixed.path("model").asString()).isEqualTo("meta.llama3-8b-instruct-v1:0");
		assertThat(prefixed.path("finish_reason").asString()).isEqualTo("stop");

		var second = api.postRaw("/api/v1/events:import?format=bedrock", log);
		assertThat(second.json().path("accepted").asInt()).isZero();
		assertThat(second.json().path("duplicates").asInt()).isEqualTo(5);
		assertThat(countLike(run)).isEqualTo(5);
	}

	@Test
	void bedrockLinesThatAreNotValidAreReportedByLineNumber() {
		var run = "bad-" + suffix();
		var log = String.join("\n", sampleLog(run).lines().limit(1).findFirst().orElseThrow(), "{\"modelId\": ",
				"{\"requestId\":\"" + run + "-negative\",\"modelId\":\"m\",\"input\":{\"inputTokenCount\":-3}}",
				"{\"schemaType\":\"SomethingElse\",\"modelId\":\"m\"}", "{\"requestId\":\"" + run + "-nomodel\"}");
		var response = api.postRaw("/api/v1/events:import?format=bedrock", log);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().path("accepted").asInt()).isEqualTo(1);
		assertThat(response.json().path("rejected").asInt()).isEqualTo(4);
		var rejections = response.json().path("rejections");
		assertThat(rejections.valueStream().map(r -> r.path("line").asInt()).toList()).containsExactlyInAnyOrder(2, 3, 4, 5);
		assertThat(rejections.toString()).contains("tokensIn: must not be negative", "modelId: is required", "not a JSON object",
				"SomethingElse");
		assertThat(countLike(run)).isEqualTo(1);

		assertThat(api.postRaw("/api/v1/events:import?format=splunk", log).status()).isEqualTo(400);
		assertThat(api.postRaw("/api/v1/events:import?format=bedrock", "\n\n").status()).isEqualTo(400);
	}

	@Test
	void cliImportsABedrockLogAndExitsOneWhenLinesAreRejected() throws IOException {
		var run = "cli-" + suffix();
		var file = Files.createTempFile("bedrock-", ".jsonl");
		Files.writeString(file, sampleLog(run));

		var first = cli("events", "import", file.toString(), "--format", "bedrock");
		assertThat(first.code()).as(first.toString()).isZero();
		assertThat(first.out()).contains("6 lines, 5 accepted, 0 duplicates, 0 rejected");
		assertThat(countLike(run)).isEqualTo(5);

		var gzipped = Files.createTempFile("bedrock-", ".jsonl.gz");
		try (var out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
			out.write(sampleLog(run).getBytes(StandardCharsets.UTF_8));
		}
		var again = cli("events", "import", gzipped.toString(), "--format", "bedrock");
		assertThat(again.code()).as(again.toString()).isZero();
		assertThat(again.out()).contains("0 accepted, 5 duplicates");

		var bad = Files.createTempFile("bedrock-", ".jsonl");
		Files.writeString(bad, sampleLog(run + "-b").lines().findFirst().orElseThrow() + "\nnot json\n");
		var rejected = cli("events", "import", bad.toString(), "--format", "bedrock");
		assertThat(rejected.code()).isEqualTo(1);
		assertThat(rejected.out()).contains("1 accepted", "1 rejected");
		assertThat(rejected.err()).contains("line 2: not a JSON object");

		var unreachable = cli("events", "import", file.toString(), "--format", "bedrock", "--server", "http://127.0.0.1:1");
		assertThat(unreachable.code()).isEqualTo(2);
		assertThat(unreachable.err()).contains("Cannot reach");
		assertThat(cli("events", "import", file.resolveSibling("missing.jsonl").toString(), "--format", "bedrock").code())
			.isEqualTo(2);
	}

	// --- helpers ---

	record CliRun(int code, String out, String err) {
	}

	CliRun cli(String... args) {
		var command = ArbiterCommand.commandLine();
		var out = new StringWriter();
		var err = new StringWriter();
		command.setOut(new PrintWriter(out, true));
		command.setErr(new PrintWriter(err, true));
		var all = new java.util.ArrayList<>(List.of(args));
		if (!all.contains("--server")) {
			all.addAll(List.of("--server", base()));
		}
		all.addAll(List.of("--api-key", key));
		int code = command.execute(all.toArray(String[]::new));
		return new CliRun(code, out.toString(), err.toString());
	}

	static String sampleLog(String run) {
		try (var in = TelemetryAdaptersContract.class.getResourceAsStream("/telemetry/bedrock-invocations.jsonl")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("RUN", run);
		}
		catch (IOException e) {
			throw new java.io.UncheckedIOException(e);
		}
	}

	static Span.Builder genAiSpan(byte[] traceId, String model, long start, long end) {
		return Span.newBuilder()
			.setTraceId(ByteString.copyFrom(traceId))
			.setSpanId(ByteString.copyFrom(randomBytes(8)))
			.setName("chat " + model)
			.setKind(Span.SpanKind.SPAN_KIND_CLIENT)
			.setStartTimeUnixNano(start)
			.setEndTimeUnixNano(end)
			.addAttributes(text("gen_ai.request.model", model))
			.addAttributes(text("gen_ai.system", "vllm"));
	}

	static KeyValue text(String key, String value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
	}

	HttpResponse<byte[]> postBytes(String path, String contentType, byte[] body, boolean gzip) throws Exception {
		var builder = HttpRequest.newBuilder(URI.create(base() + path))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", contentType);
		if (gzip) {
			var buffer = new ByteArrayOutputStream();
			try (var out = new GZIPOutputStream(buffer)) {
				out.write(body);
			}
			body = buffer.toByteArray();
			builder.header("Content-Encoding", "gzip");
		}
		return HTTP.send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/** One stored event as JSON (column names as keys; metadata parsed). */
	JsonNode stored(String column, String value) {
		var rows = rows(column, value);
		assertThat(rows).as("events with " + column + " = " + value).hasSize(1);
		return rows.get(0);
	}

	List<JsonNode> rows(String column, String value) {
		return jdbc.sql("""
				select cast(event_id as varchar(36)) as event_id, occurred_at, model, agent, domain, source, request_id,
				       correlation_id, latency_ms, ttft_ms, tokens_in, tokens_out, success, error_type, finish_reason, truncated,
				       user_ref, cast(metadata as varchar(100000)) as metadata
				from metric_events where %s = :value""".formatted(column))
			.param("value", value)
			.query((rs, row) -> {
				var node = JSON.createObjectNode();
				for (var name : List.of("event_id", "model", "agent", "domain", "source", "request_id", "correlation_id",
						"error_type", "finish_reason", "user_ref")) {
					node.put(name, rs.getString(name));
				}
				node.put("occurred_at", rs.getObject("occurred_at", OffsetDateTime.class).toString());
				for (var name : List.of("latency_ms", "ttft_ms")) {
					node.put(name, rs.getObject(name, Double.class));
				}
				for (var name : List.of("tokens_in", "tokens_out")) {
					node.put(name, rs.getObject(name, Integer.class));
				}
				for (var name : List.of("success", "truncated")) {
					node.put(name, rs.getObject(name, Boolean.class));
				}
				var metadata = rs.getString("metadata");
				node.set("metadata", metadata == null ? JSON.nullNode() : JSON.readTree(metadata));
				return (JsonNode) node;
			})
			.list();
	}

	long count(String column, String value) {
		return jdbc.sql("select count(*) from metric_events where %s = :value".formatted(column)).param("value", value)
			.query(Long.class).single();
	}

	long countLike(String requestIdPrefix) {
		return jdbc.sql("select count(*) from metric_events where request_id like :prefix").param("prefix", requestIdPrefix + "-%")
			.query(Long.class).single();
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	static String hex(int bytes) {
		return HexFormat.of().formatHex(randomBytes(bytes));
	}

	static byte[] randomBytes(int n) {
		var bytes = new byte[n];
		ThreadLocalRandom.current().nextBytes(bytes);
		bytes[0] |= 1;
		return bytes;
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}
