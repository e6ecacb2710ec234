package dev.arbiter.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suites and items over real HTTP: CRUD, every import format, all-or-nothing imports with the bad
 * line named, dedupe, export round trips, starter suites and organization isolation. Runs once per
 * database ({@link H2SuiteTests}, {@link PostgresSuiteTests}).
 */
@SpringBootTest(classes = ArbiterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class SuiteContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	Api admin;

	String key;

	abstract Path dataDir();

	@BeforeEach
	void connect() throws IOException {
		key = Files.readString(dataDir().resolve("admin.key")).trim();
		admin = new Api(base(), key);
	}

	String base() {
		return "http://127.0.0.1:" + port;
	}

	// Suites

	@Test
	void suitesCanBeCreatedFilteredChangedAndDeletedWithTheirItems() {
		var name = "crud-" + suffix();
		var created = admin.post("/api/v1/suites", Map.of("name", name, "version", "2024.1", "domain", "math",
				"description", "Sums", "scoring", List.of(Map.of("type", "numeric", "tolerance", 0.01))));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.text("domain")).isEqualTo("math");
		assertThat(created.text("kind")).isEqualTo("custom");
		assertThat(created.json().path("itemCount").asLong()).isZero();
		assertThat(created.json().path("scoring").get(0).path("tolerance").asDouble()).isEqualTo(0.01);
		var id = created.id();

		assertField(admin.post("/api/v1/suites", Map.of("name", name, "version", "2024.1", "domain", "math")), 409, "name");
		assertField(admin.post("/api/v1/suites", Map.of("name", "x-" + suffix(), "domain", "no-such-domain")), 400, "domain");
		assertField(admin.post("/api/v1/suites", Map.of("name", "x-" + suffix(), "domain", "math",
				"scoring", List.of(Map.of("type", "telepathy")))), 400, "scoring[0].type");
		assertField(admin.post("/api/v1/suites", Map.of("name", "x-" + suffix(), "domain", "math",
				"scoring", List.of(Map.of("type", "judge")))), 400, "scoring");
		assertField(admin.post("/api/v1/suites", Map.of("name", "x-" + suffix(), "domain", "math", "version", "has space")), 400,
				"version");

		var patched = admin.patch("/api/v1/suites/" + id, Map.of("description", "Sums and products", "domain", "logic"));
		assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
		assertThat(patched.text("description")).isEqualTo("Sums and products");
		assertThat(patched.text("domain")).isEqualTo("logic");
		assertThat(patched.text("name")).isEqualTo(name);

		var logic = admin.get("/api/v1/suites?domain=logic&size=500").body();
		assertThat(logic).contains(id);
		assertThat(admin.get("/api/v1/suites?domain=math&size=500").body()).doesNotContain(id);
		assertThat(admin.get("/api/v1/suites?name=" + name).json().path("total").asInt()).isEqualTo(1);

		importText(id, "jsonl", "{\"prompt\": \"1+1?\", \"expected\": \"2\"}\n");
		assertThat(admin.get("/api/v1/suites/" + id).json().path("itemCount").asLong()).isEqualTo(1);

		assertThat(admin.delete("/api/v1/suites/" + id).status()).isEqualTo(204);
		assertThat(admin.get("/api/v1/suites/" + id).status()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from suite_items where suite_id = :id").param("id", UUID.fromString(id))
			.query(Long.class).single()).isZero();
		var audit = admin.get("/api/v1/audit-log?entityType=suite&entityId=" + id + "&size=50").json().path("items");
		var actions = new ArrayList<String>();
		audit.forEach(row -> actions.add(row.path("action").asString()));
		assertThat(actions).containsExactly("delete", "update", "update", "create");
	}

	@Test
	void singleItemsCanBeAddedReadAndDeleted() {
		var suite = newSuite("general-knowledge");
		var added = admin.post("/api/v1/suites/" + suite + "/items", Map.of("prompt", "Capital of Peru?",
				"expected", List.of("Lima"), "difficulty", 2, "tags", List.of("geography")));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
		assertThat(added.json().path("position").asInt()).isEqualTo(1);
		assertThat(added.text("promptSha256")).hasSize(64);

		assertField(admin.post("/api/v1/suites/" + suite + "/items", Map.of("prompt", "  Capital   of Peru? ")), 409, "prompt");
		assertField(admin.post("/api/v1/suites/" + suite + "/items", Map.of("prompt", "Other?", "difficulty", 9)), 400, "difficulty");
		assertField(admin.post("/api/v1/suites/" + suite + "/items", Map.of("prompt", "Other?", "expcted", "x")), 400, "expcted");
		assertField(admin.post("/api/v1/suites/" + suite + "/items", Map.of("expected", "x")), 400, "prompt");

		var item = "/api/v1/suites/" + suite + "/items/" + added.id();
		assertThat(admin.get(item).text("prompt")).isEqualTo("Capital of Peru?");
		assertThat(admin.delete(item).status()).isEqualTo(204);
		assertThat(admin.get(item).status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/audit-log?entityType=suite_item&entityId=" + added.id()).json().path("total").asInt())
			.isEqualTo(2);
	}

	// Import formats

	@Test
	void importsArbitersJsonlWithPromptsMessagesAndMetadata() {
		var suite = newSuite("math");
		var answer = importText(suite, "jsonl", """
				{"prompt": "What is 6 x 7?", "expected": "42", "difficulty": 1, "tags": ["arithmetic"], "metadata": {"source": "me"}}

				{"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Half of 9?"}], "expected": ["4.5", "9/2"]}
				{"prompt": "Name a prime above 10.", "expected": [11, 13]}
				""");
		assertThat(answer.json().path("imported").asInt()).isEqualTo(3);
		assertThat(answer.json().path("duplicates").asInt()).isZero();
		assertThat(answer.json().path("total").asInt()).isEqualTo(3);

		var items = items(suite);
		assertThat(items).hasSize(3);
		assertThat(items.get(0).path("prompt").asString()).isEqualTo("What is 6 x 7?");
		assertThat(items.get(0).path("expected").toString()).isEqualTo("[\"42\"]");
		assertThat(items.get(0).path("difficulty").asInt()).isEqualTo(1);
		assertThat(items.get(0).path("tags").toString()).isEqualTo("[\"arithmetic\"]");
		assertThat(items.get(0).path("metadata").path("source").asString()).isEqualTo("me");
		assertThat(items.get(1).path("prompt").isNull()).isTrue();
		assertThat(items.get(1).path("messages").get(1).path("content").asString()).isEqualTo("Half of 9?");
		assertThat(items.get(1).path("expected").toString()).isEqualTo("[\"4.5\",\"9/2\"]");
		assertThat(items.get(2).path("expected").toString()).isEqualTo("[\"11\",\"13\"]");
		assertThat(items.stream().map(item -> item.path("position").asInt()).toList()).containsExactly(1, 2, 3);

		var audit = admin.get("/api/v1/audit-log?entityType=suite&entityId=" + suite).json().path("items").get(0);
		assertThat(audit.path("action").asString()).isEqualTo("update");
		assertThat(audit.path("after").path("imported").asInt()).isEqualTo(3);
	}

	@Test
	void importsArbitersCsvWithTagsAndJsonCells() {
		var suite = newSuite("classification");
		var answer = importText(suite, "csv", """
				prompt,expected,difficulty,tags
				"Is ""great"" positive, negative or neutral?",positive,2,sentiment|short
				"A prompt
				over two lines",neutral,,
				Pick the answers,"[""a"",""b""]",5,[]
				""");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().path("imported").asInt()).isEqualTo(3);
		var items = items(suite);
		assertThat(items.get(0).path("prompt").asString()).isEqualTo("Is \"great\" positive, negative or neutral?");
		assertThat(items.get(0).path("tags").toString()).isEqualTo("[\"sentiment\",\"short\"]");
		assertThat(items.get(0).path("difficulty").asInt()).isEqualTo(2);
		assertThat(items.get(1).path("prompt").asString()).isEqualTo("A prompt\nover two lines");
		assertThat(items.get(1).path("difficulty").isNull()).isTrue();
		assertThat(items.get(2).path("expected").toString()).isEqualTo("[\"a\",\"b\"]");
	}

	@Test
	void importsAJsonArray() {
		var suite = newSuite("logic");
		var answer = importText(suite, "json", """
				[
				  {"prompt": "True or false: all squares are rectangles.", "expected": "true"},
				  {"prompt": "True or false: all rectangles are squares.", "expected": "false", "difficulty": 2}
				]
				""");
		assertThat(answer.json().path("imported").asInt()).as(answer.toString()).isEqualTo(2);
		assertThat(items(suite).get(1).path("difficulty").asInt()).isEqualTo(2);
	}

	@Test
	void importsGsm8kWithTheFinalNumberAsTheAnswer() {
		var suite = newSuite("math");
		var answer = importText(suite, "gsm8k", """
				{"question": "Tom has 3 bags of 4 apples. How many apples?", "answer": "3 bags * 4 apples = <<3*4=12>>12 apples\\n#### 12"}
				{"question": "A shop sells 1,250 pens a day. How many in 2 days?", "answer": "1,250 * 2 = 2,500\\n#### 2,500"}
				""");
		assertThat(answer.json().path("imported").asInt()).as(answer.toString()).isEqualTo(2);
		var items = items(suite);
		assertThat(items.get(0).path("prompt").asString()).isEqualTo("Tom has 3 bags of 4 apples. How many apples?");
		assertThat(items.get(0).path("expected").toString()).isEqualTo("[\"12\"]");
		assertThat(items.get(0).path("metadata").path("solution").asString()).contains("<<3*4=12>>").endsWith("#### 12");
		assertThat(items.get(1).path("expected").toString()).isEqualTo("[\"2500\"]");
	}

	@Test
	void importsMmluWithLetteredChoicesAndTheLetterAsTheAnswer() {
		var suite = newSuite("general-knowledge");
		var answer = importText(suite, "mmlu", """
				Which planet is closest to the Sun?,Venus,Mercury,Earth,Mars,B
				"Which gas, by volume, makes up most of Earth's air?",Oxygen,Argon,Nitrogen,Carbon dioxide,c
				""");
		assertThat(answer.json().path("imported").asInt()).as(answer.toString()).isEqualTo(2);
		var items = items(suite);
		assertThat(items.get(0).path("prompt").asString())
			.startsWith("Which planet is closest to the Sun?\n\nA. Venus\nB. Mercury\nC. Earth\nD. Mars\n")
			.contains("Answer with the letter");
		assertThat(items.get(0).path("expected").toString()).isEqualTo("[\"B\"]");
		assertThat(items.get(1).path("expected").toString()).isEqualTo("[\"C\"]");
		assertThat(items.get(1).path("metadata").path("choices").get(2).asString()).isEqualTo("Nitrogen");
	}

	@Test
	void importsOpenAiEvalsSamples() {
		var suite = newSuite("open-qa");
		var answer = importText(suite, "openai-evals", """
				{"input": [{"role": "system", "content": "Answer in one word."}, {"role": "user", "content": "Opposite of hot?"}], "ideal": "cold"}
				{"input": [{"role": "user", "content": "A colour of the sky?"}], "ideal": ["blue", "grey"], "split": "test"}
				""");
		assertThat(answer.json().path("imported").asInt()).as(answer.toString()).isEqualTo(2);
		var items = items(suite);
		assertThat(items.get(0).path("messages").size()).isEqualTo(2);
		assertThat(items.get(0).path("messages").get(0).path("role").asString()).isEqualTo("system");
		assertThat(items.get(0).path("expected").toString()).isEqualTo("[\"cold\"]");
		assertThat(items.get(1).path("expected").toString()).isEqualTo("[\"blue\",\"grey\"]");
		assertThat(items.get(1).path("metadata").path("split").asString()).isEqualTo("test");
	}

	// Dedupe

	@Test
	void duplicatePromptsAreSkippedAndCountedInTheFileAndAcrossImports() {
		var suite = newSuite("math");
		var file = """
				{"prompt": "What is 2 + 2?", "expected": "4"}
				{"prompt": "  What is   2 + 2?\\n", "expected": "four"}
				{"prompt": "What is 3 + 3?", "expected": "6"}
				{"messages": [{"role": "user", "content": "What is 3 + 3?"}], "expected": "6"}
				{"messages": [{"role": "user", "content": "What is  3 + 3? "}], "expected": "6"}
				""";
		var first = importText(suite, "jsonl", file).json();
		assertThat(first.path("imported").asInt()).isEqualTo(3);
		assertThat(first.path("duplicates").asInt()).isEqualTo(2);
		assertThat(first.path("total").asInt()).isEqualTo(3);

		var again = importText(suite, "jsonl", file + "{\"prompt\": \"What is 4 + 4?\", \"expected\": \"8\"}\n").json();
		assertThat(again.path("imported").asInt()).isEqualTo(1);
		assertThat(again.path("duplicates").asInt()).isEqualTo(5);
		assertThat(again.path("total").asInt()).isEqualTo(4);
		assertThat(items(suite).stream().map(item -> item.path("position").asInt()).toList()).containsExactly(1, 2, 3, 4);
	}

	// Bad files

	@Test
	void badFilesAnswer400NamingTheLineAndImportNothing() {
		var suite = newSuite("math");
		importText(suite, "jsonl", "{\"prompt\": \"Already here\", \"expected\": \"1\"}\n");
		var good = "{\"prompt\": \"Fine question %d\", \"expected\": \"1\"}\n";
		record Case(String format, String body, String detail) {
		}
		var cases = List.of(
				new Case("jsonl", good.formatted(1) + good.formatted(2) + "{\"prompt\": \"broken\", \n", "line 3: malformed JSON"),
				new Case("jsonl", good.formatted(1) + "{\"expected\": \"5\"}\n", "line 2: missing 'prompt'"),
				new Case("jsonl", good.formatted(1) + good.formatted(2) + "{\"prompt\": \"Hard\", \"difficulty\": 7}\n",
						"line 3: difficulty must be 1–5"),
				new Case("jsonl", good.formatted(1) + "{\"prompt\": \"Typo\", \"expcted\": \"1\"}\n", "line 2: unknown field 'expcted'"),
				new Case("jsonl", many(good, 1500) + "not json at all\n", "line 1501: malformed JSON"),
				new Case("csv", "prompt,expected,difficulty\nQ1,1,2\nQ2,2,six\n", "line 3: difficulty must be 1–5"),
				new Case("csv", "prompt,answer\nQ1,1\n", "line 1: unknown column 'answer'"),
				new Case("csv", "prompt,expected\nQ1,1\nQ2\n", "line 3: expected 2 columns"),
				new Case("json", "[{\"prompt\": \"Q1\"}, {\"prompt\": \"Q2\", \"difficulty\": 0}]", "record 2 (line 1): difficulty must be 1–5"),
				new Case("json", "[{\"prompt\": \"Q1\"},\n {\"prompt\": ]", "line 2: malformed JSON"),
				new Case("gsm8k", "{\"question\": \"Q1\", \"answer\": \"so\\n#### 3\"}\n{\"question\": \"Q2\"}\n", "line 2: missing 'answer'"),
				new Case("gsm8k", "{\"question\": \"Q1\", \"answer\": \"so\\n#### 3\"}\n{\"question\": \"Q2\", \"answer\": \"it is 4\"}\n",
						"line 2: 'answer' has no final line '#### <number>'"),
				new Case("mmlu", "Q1,a,b,c,d,A\nQ2,a,b,c,B\n", "line 2: an MMLU row has 6 columns"),
				new Case("mmlu", "Q1,a,b,c,d,A\nQ2,a,b,c,d,A\nQ3,a,b,c,d,E\n", "line 3: answer must be one of A, B, C, D, got 'E'"),
				new Case("openai-evals", "{\"input\": [{\"role\": \"user\", \"content\": \"Hi\"}]}\n", "line 1: missing 'ideal'"),
				new Case("openai-evals", "{\"input\": [{\"role\": \"wizard\", \"content\": \"Hi\"}], \"ideal\": \"x\"}\n",
						"line 1: 'input[0].role' must be one of"));
		for (var bad : cases) {
			var answer = importText(suite, bad.format(), bad.body());
			assertThat(answer.status()).as(bad.format() + " " + bad.detail() + ": " + answer).isEqualTo(400);
			assertThat(answer.contentType()).startsWith("application/problem+json");
			assertThat(answer.text("detail")).as(answer.toString()).startsWith(bad.detail());
			assertThat(admin.get("/api/v1/suites/" + suite).json().path("itemCount").asInt()).as(bad.detail()).isEqualTo(1);
		}
		var unknownFormat = importText(suite, "xml", "<items/>");
		assertField(unknownFormat, 400, "format");
		assertThat(unknownFormat.text("detail")).contains("jsonl, csv, json, gsm8k, mmlu, openai-evals");
	}

	// Export

	@Test
	void exportedItemsImportBackUnchangedInJsonlAndCsv() {
		var source = newSuite("stress");
		importText(source, "jsonl", """
				{"prompt": "Plain, with \\"quotes\\" and a\\nline break", "expected": "a, b", "difficulty": 3, "tags": ["x", "y z"], "metadata": {"n": 1, "deep": {"k": [1, 2]}}}
				{"messages": [{"role": "system", "content": "Terse."}, {"role": "user", "content": "Hello?"}], "expected": ["hi", "hello"]}
				{"prompt": "No answer at all"}
				{"prompt": "Answer that looks like a list", "expected": ["[1, 2]"], "tags": ["a|b"]}
				{"prompt": "Ünïcödé ✓ 日本", "expected": "✓"}
				""");
		var original = comparable(items(source));
		for (var format : List.of("jsonl", "csv")) {
			var exported = admin.get("/api/v1/suites/" + source + "/items:export?format=" + format);
			assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
			assertThat(exported.contentType()).startsWith(format.equals("csv") ? "text/csv" : "application/x-ndjson");
			var copy = newSuite("stress");
			var answer = importText(copy, format, exported.body());
			assertThat(answer.json().path("imported").asInt()).as(format + ": " + answer).isEqualTo(5);
			assertThat(comparable(items(copy))).as(format).isEqualTo(original);
		}
		assertField(admin.get("/api/v1/suites/" + source + "/items:export?format=mmlu"), 400, "format");
	}

	// Starter suites

	@Test
	void aNewOrganizationHasAStarterSuiteForEveryDomainAndLoadingAgainAddsNothing() {
		var other = newOrganization();
		var suites = other.get("/api/v1/suites?size=100").json();
		assertThat(suites.path("total").asInt()).isEqualTo(10);
		var domains = new ArrayList<String>();
		for (var suite : suites.path("items")) {
			assertThat(suite.path("itemCount").asLong()).as(suite.path("name").asString()).isGreaterThanOrEqualTo(20);
			assertThat(suite.path("kind").asString()).isEqualTo("standard");
			assertThat(suite.path("scoring").size()).isPositive();
			domains.add(suite.path("domain").asString());
		}
		assertThat(domains).containsExactlyInAnyOrder("math", "logic", "general-knowledge", "summarization",
				"instruction-following", "classification", "code", "safety", "open-qa", "stress");

		var again = other.post("/api/v1/suites:load-starters", Map.of());
		assertThat(again.status()).as(again.toString()).isEqualTo(200);
		assertThat(again.json().path("loaded").size()).isZero();
		assertThat(again.json().path("skipped").size()).isEqualTo(10);

		var math = other.get("/api/v1/suites?name=starter-math").json().path("items").get(0);
		assertThat(other.delete("/api/v1/suites/" + math.path("id").asString()).status()).isEqualTo(204);
		var reloaded = other.post("/api/v1/suites:load-starters", Map.of()).json();
		assertThat(reloaded.path("loaded").size()).isEqualTo(1);
		assertThat(reloaded.path("loaded").get(0).path("name").asString()).isEqualTo("starter-math");
		assertThat(reloaded.path("loaded").get(0).path("items").asLong()).isEqualTo(math.path("itemCount").asLong());
		assertThat(other.get("/api/v1/suites").json().path("total").asInt()).isEqualTo(10);
	}

	@Test
	void theFirstOrganizationHasTheStarterSuitesToo() {
		var starters = admin.get("/api/v1/suites?name=starter-code").json().path("items");
		assertThat(starters.size()).isEqualTo(1);
		var items = admin.get("/api/v1/suites/" + starters.get(0).path("id").asString() + "/items?size=500").json();
		assertThat(items.path("total").asInt()).isGreaterThanOrEqualTo(20);
		items.path("items").forEach(item -> assertThat(item.path("expected").size()).isEqualTo(1));
	}

	// Isolation

	@Test
	void anotherOrganizationsSuitesAndItemsAnswer404() {
		var other = newOrganization();
		var suite = other.post("/api/v1/suites", Map.of("name", "secret-" + suffix(), "domain", "math")).id();
		var item = other.post("/api/v1/suites/" + suite + "/items", Map.of("prompt", "Secret question", "expected", "1")).id();
		var suites = "/api/v1/suites/" + suite;
		for (var path : List.of(suites, suites + "/items", suites + "/items/" + item, suites + "/items:export?format=jsonl")) {
			assertThat(admin.get(path).status()).as("GET " + path).isEqualTo(404);
			assertThat(other.get(path).status()).as("GET " + path + " by its owner").isEqualTo(200);
		}
		assertThat(admin.patch(suites, Map.of("description", "hijacked")).status()).isEqualTo(404);
		assertThat(admin.post(suites + "/items", Map.of("prompt", "Injected")).status()).isEqualTo(404);
		assertThat(importText(suite, "jsonl", "{\"prompt\": \"Injected\"}\n").status()).isEqualTo(404);
		assertThat(admin.delete(suites + "/items/" + item).status()).isEqualTo(404);
		assertThat(admin.delete(suites).status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/suites?size=500").body()).doesNotContain(suite);
		var otherDomain = other.get("/api/v1/domains?size=100").json().path("items").get(0).path("id").asString();
		assertField(admin.post("/api/v1/suites", Map.of("name", "x-" + suffix(), "domain", otherDomain)), 400, "domain");
		assertThat(other.get(suites).json().path("itemCount").asInt()).isEqualTo(1);
	}

	// Streaming

	@Test
	void aLargeImportIsStreamedAndCountedExactly() throws Exception {
		var suite = newSuite("stress");
		int lines = 50_000;
		var request = HttpRequest.newBuilder(URI.create(base() + "/api/v1/suites/" + suite + "/items:import?format=jsonl"))
			.timeout(Duration.ofMinutes(5))
			.header("Authorization", "Bearer " + key)
			.header("Content-Type", "application/x-ndjson")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> generatedLines(lines)))
			.build();
		var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		var answer = JSON.readTree(response.body());
		assertThat(answer.path("imported").asInt()).isEqualTo(lines);
		assertThat(answer.path("total").asInt()).isEqualTo(lines);
		var last = admin.get("/api/v1/suites/" + suite + "/items?size=1&page=" + (lines - 1)).json().path("items").get(0);
		assertThat(last.path("position").asInt()).isEqualTo(lines);
		assertThat(last.path("prompt").asString()).isEqualTo("Generated question " + (lines - 1) + ": what is " + (lines - 1) + " + 1?");
	}

	// Command line

	@Test
	void theCommandLineImportsListsExportsAndLoadsStarters() throws IOException {
		var dir = Files.createTempDirectory("arbiter-cli-");
		var file = dir.resolve("questions.csv");
		Files.writeString(file, "prompt,expected\nWhat is 5 * 5?,25\nWhat is 6 * 6?,36\n");
		var name = "cli-" + suffix();

		var imported = cli("suites", "import", file.toString(), "--suite", name, "--domain", "math", "--scoring",
				"[{\"type\":\"numeric\"}]");
		assertThat(imported.code()).as(imported.output()).isZero();
		assertThat(imported.output()).contains("Created suite " + name).contains("Imported 2 items").contains("2 items in the suite");

		var again = cli("suites", "import", file.toString(), "--suite", name, "--domain", "math");
		assertThat(again.output()).contains("Imported 0 items").contains("2 duplicates skipped");

		var listed = cli("suites", "list", "--domain", "math");
		assertThat(listed.code()).isZero();
		assertThat(listed.output()).contains(name).contains("starter-math");

		var exported = dir.resolve("out.jsonl");
		var export = cli("suites", "export", name, "--format", "jsonl", "--output", exported.toString());
		assertThat(export.code()).as(export.output()).isZero();
		assertThat(Files.readAllLines(exported)).hasSize(2).first().asString().contains("What is 5 * 5?");

		var starters = cli("suites", "load-starters");
		assertThat(starters.code()).isZero();
		assertThat(starters.output()).contains("Every starter suite is there already");

		var missing = cli("suites", "export", "no-such-suite-" + suffix());
		assertThat(missing.code()).isNotZero();
		assertThat(missing.errors()).contains("No suite named");
	}

	// Helpers

	record CliRun(int code, String output, String errors) {
	}

	CliRun cli(String... args) {
		var out = new StringWriter();
		var err = new StringWriter();
		var all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--server", base(), "--api-key", key));
		var commandLine = new CommandLine(new ArbiterCommand()).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
		commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
			cmd.getErr().println("arbiter: " + e.getMessage());
			return 2;
		});
		int code = commandLine.execute(all.toArray(String[]::new));
		return new CliRun(code, out.toString(), err.toString());
	}

	/** {@code count} JSONL lines, made as they are read (never all in memory), in reads as large as asked for. */
	private static InputStream generatedLines(int count) {
		return new InputStream() {
			int next;

			byte[] line = new byte[0];

			int offset;

			@Override
			public int read() {
				var one = new byte[1];
				return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
			}

			@Override
			public int read(byte[] buffer, int from, int length) {
				int written = 0;
				while (written < length) {
					if (offset == line.length) {
						if (next == count) {
							break;
						}
						int i = next++;
						line = ("{\"prompt\": \"Generated question " + i + ": what is " + i + " + 1?\", \"expected\": \"" + (i + 1)
								+ "\", \"difficulty\": " + (i % 5 + 1) + ", \"tags\": [\"generated\"]}\n").getBytes(StandardCharsets.UTF_8);
						offset = 0;
					}
					int n = Math.min(length - written, line.length - offset);
					System.arraycopy(line, offset, buffer, from + written, n);
					offset += n;
					written += n;
				}
				return written == 0 && length > 0 ? -1 : written;
			}
		};
	}

	Api newOrganization() {
		var created = admin.post("/api/v1/organizations", Map.of("name", "org-" + suffix()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return admin.as(created.json().path("apiKey").path("key").asString());
	}

	String newSuite(String domain) {
		var created = admin.post("/api/v1/suites", Map.of("name", "suite-" + suffix(), "domain", domain));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.id();
	}

	Api.Response importText(String suite, String format, String body) {
		var contentType = format.equals("csv") || format.equals("mmlu") ? "text/csv" : "application/x-ndjson";
		return admin.postText("/api/v1/suites/" + suite + "/items:import?format=" + format, contentType, body);
	}

	List<JsonNode> items(String suite) {
		var answer = admin.get("/api/v1/suites/" + suite + "/items?size=500");
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		var items = new ArrayList<JsonNode>();
		answer.json().path("items").forEach(items::add);
		return items;
	}

	/** What an item says, without what its suite gives it (id, suite, timestamps). */
	static List<Map<String, Object>> comparable(List<JsonNode> items) {
		var result = new ArrayList<Map<String, Object>>();
		for (var item : items) {
			var map = new HashMap<String, Object>();
			for (var field : List.of("position", "prompt", "messages", "expected", "difficulty", "tags", "metadata", "promptSha256")) {
				map.put(field, item.path(field).toString());
			}
			result.add(map);
		}
		return Collections.unmodifiableList(result);
	}

	static String many(String template, int count) {
		var text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append(template.formatted(i + 100));
		}
		return text.toString();
	}

	static void assertField(Api.Response response, int status, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		var fields = new ArrayList<String>();
		response.json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
		assertThat(fields).as(response.toString()).contains(field);
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}
