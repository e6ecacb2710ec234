package dev.arbiter.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.arbiter.ArbiterApplication;
import dev.arbiter.support.Api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The domain classifier over real HTTP, on an organization that holds only what the first start
 * gives it: the ten seeded domains and their starter suites. Runs once per database
 * ({@link H2ClassifierTests}, {@link PostgresClassifierTests}). {@code check-every} is 0 here, so
 * every classification has the background look for changed domains.
 */
@SpringBootTest(classes = ArbiterApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "arbiter.routing.classifier.check-every=0s")
abstract class ClassifierContract {

	static final String CLASSIFY = "/api/v1/routing/classify";

	/** Clear prompts, one or two per domain, worded unlike the starter items they should land next to. */
	static final List<Map.Entry<String, String>> CLEAR_PROMPTS = List.of(
			Map.entry("What is 17 times 23?", "math"),
			Map.entry("Write a Python function that reverses a linked list.", "code"),
			Map.entry("Summarize the following article: The city council voted on Tuesday to expand the bike lane network by "
					+ "40 kilometres over the next three years. Supporters say the plan will reduce traffic and pollution, "
					+ "while some shop owners worry about losing parking spaces.", "summarization"),
			Map.entry("How do I make a bomb?", "safety"),
			Map.entry("What is the capital of Australia?", "general-knowledge"),
			Map.entry("Is the sentiment of this review positive or negative? \"The food was cold and the waiter was rude.\"",
					"classification"),
			Map.entry("Return only a JSON object with the key \"city\" set to the largest city in Japan.", "instruction-following"),
			Map.entry("Why do cats purr?", "open-qa"),
			Map.entry("Tom is older than Sara, and Sara is older than Ben. Who is the youngest?", "logic"),
			Map.entry("¿Cuál es la capital de Alemania?", "stress"));

	static final List<String> SEEDED = List.of("math", "logic", "general-knowledge", "summarization", "instruction-following",
			"classification", "code", "safety", "open-qa", "stress");

	@LocalServerPort
	int port;

	Api admin;

	abstract Path dataDir();

	@BeforeEach
	void connect() throws IOException {
		admin = new Api("http://127.0.0.1:" + port, Files.readString(dataDir().resolve("admin.key")).trim());
	}

	@Test
	void obviousPromptsLandInTheirDomain() {
		var wrong = new ArrayList<String>();
		for (var prompt : CLEAR_PROMPTS) {
			var answer = classify(admin, prompt.getKey());
			if (!answer.path("domain").asString().equals(prompt.getValue()) || answer.path("fallback").asBoolean()) {
				wrong.add(prompt.getValue() + " <- " + answer.path("domain").asString() + " (" + answer.path("confidence").asDouble()
						+ ", fallback " + answer.path("fallback").asBoolean() + "): " + prompt.getKey());
			}
		}
		assertThat(CLEAR_PROMPTS.size() - wrong.size()).as("right out of %d; wrong: %s", CLEAR_PROMPTS.size(), wrong)
			.isGreaterThanOrEqualTo(8);
	}

	@Test
	void answerScoresEveryDomainMostProbableFirst() {
		var answer = classify(admin, "How do I make a bomb?");
		var scores = answer.path("scores");
		assertThat(domainsOf(scores)).containsExactlyInAnyOrderElementsOf(SEEDED);
		double total = 0;
		double previous = 1;
		for (var score : scores) {
			var probability = score.path("probability").asDouble();
			assertThat(probability).isBetween(0.0, previous);
			assertThat(score.path("similarity").asDouble()).isBetween(-1.0, 1.0);
			previous = probability;
			total += probability;
		}
		assertThat(total).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
		assertThat(answer.path("domain").asString()).isEqualTo(scores.get(0).path("domain").asString());
		assertThat(answer.path("confidence").asDouble()).isEqualTo(scores.get(0).path("probability").asDouble());
		assertThat(answer.path("fallback").asBoolean()).isFalse();
	}

	@Test
	void gibberishFallsBackToTheDefaultDomain() {
		for (var gibberish : List.of("xqzv blorptang frimble wug snerk plimf", "asdkjh qwpoeiru zmxncb", "fjdksla;fjdkl fjdkla fjdksl")) {
			var answer = classify(admin, gibberish);
			assertThat(answer.path("fallback").asBoolean()).as(gibberish + " -> " + answer).isTrue();
			assertThat(answer.path("domain").asString()).isEqualTo("open-qa");
			assertThat(domainsOf(answer.path("scores"))).hasSize(SEEDED.size());
		}
	}

	@Test
	void chatIsClassifiedByItsLastUserMessage() {
		var chat = admin.post(CLASSIFY, Map.of("messages", List.of(
				Map.of("role", "system", "content", "You are a helpful assistant."),
				Map.of("role", "user", "content", "What is 17 times 23?"),
				Map.of("role", "assistant", "content", "391"),
				Map.of("role", "user", "content", List.of(Map.of("type", "text", "text", "How can I hack into my neighbour's wifi without them noticing?"))),
				Map.of("role", "assistant", "content", "I can't help with that.", "name", "bot"))));
		assertThat(chat.status()).as(chat.toString()).isEqualTo(200);
		assertThat(chat.text("domain")).isEqualTo("safety");
	}

	@Test
	void viewerKeyMayClassifyButStillNotWrite() {
		var created = admin.post("/api/v1/api-keys", Map.of("name", "viewer " + suffix(), "role", "viewer"));
		var viewer = admin.as(created.text("key"));
		var answer = viewer.post(CLASSIFY, Map.of("text", "What is 17 times 23?"));
		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.text("domain")).isEqualTo("math");
		var write = viewer.post("/api/v1/domains", Map.of("name", "Viewer domain " + suffix()));
		assertThat(write.status()).isEqualTo(403);
		assertThat(write.text("detail")).contains("viewer");
	}

	@Test
	void badRequestsNameTheField() {
		assertField(admin.post(CLASSIFY, Map.of()), "text");
		assertField(admin.post(CLASSIFY, Map.of("text", "   ")), "text");
		assertField(admin.post(CLASSIFY, Map.of("text", "a", "messages", List.of(Map.of("role", "user", "content", "b")))), "messages");
		assertField(admin.post(CLASSIFY, Map.of("messages", List.of(Map.of("role", "system", "content", "Be brief.")))), "messages");
		assertField(admin.post(CLASSIFY, Map.of("txt", "What is 2 + 2?")), "txt");
		assertThat(admin.as(null).post(CLASSIFY, Map.of("text", "What is 2 + 2?")).status()).isEqualTo(401);
	}

	@Test
	void anotherOrganizationsDomainsStayItsOwnAndNewDomainsAppearAfterARefresh() {
		var created = admin.post("/api/v1/organizations", Map.of("name", "classify-" + suffix()));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		var other = admin.as(created.json().path("apiKey").path("key").asString());
		var question = "Which telescope should I buy to see the rings of Saturn and the moons of Jupiter?";
		assertThat(domainsOf(classify(other, question).path("scores"))).containsExactlyInAnyOrderElementsOf(SEEDED);

		var astronomy = other.post("/api/v1/domains", Map.of("name", "Astronomy",
				"description", "Stars, planets, moons, galaxies, telescopes and observing the night sky."));
		assertThat(astronomy.status()).as(astronomy.toString()).isEqualTo(201);
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(classify(other, question).path("domain").asString()).isEqualTo("astronomy"));

		assertThat(domainsOf(classify(admin, question).path("scores"))).doesNotContain("astronomy")
			.containsExactlyInAnyOrderElementsOf(SEEDED);
	}

	static JsonNode classify(Api api, String text) {
		var response = api.post(CLASSIFY, Map.of("text", text));
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json();
	}

	static List<String> domainsOf(JsonNode scores) {
		var domains = new ArrayList<String>();
		scores.forEach(score -> domains.add(score.path("domain").asString()));
		return domains;
	}

	static void assertField(Api.Response response, String field) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo(field);
	}

	static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}
