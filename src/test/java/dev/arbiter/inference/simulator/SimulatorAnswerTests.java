package dev.arbiter.inference.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.arbiter.inference.simulator.SimulatorConfig.Item;
import dev.arbiter.inference.simulator.SimulatorConfig.Model;
import tools.jackson.databind.node.ObjectNode;

/** Which answers the simulated models give to known items, and how reproducibly. */
class SimulatorAnswerTests {

	static Model instantModel(String name) {
		return Model.named(name).withLatency(0, 0).withTtftMs(0);
	}

	/** Numeric items in math, letter items in mcq and text items in trivia. */
	static List<Item> items(int perDomain) {
		var items = new ArrayList<Item>();
		for (int i = 0; i < perDomain; i++) {
			items.add(new Item("Compute " + i + " plus " + (i * 3) + ".", String.valueOf(i * 4), "math"));
			items.add(new Item("Question " + i + ": which option is right?", String.valueOf("ABCD".charAt(i % 4)), "mcq"));
			items.add(new Item("Name the capital of region number " + i, "City" + i, "trivia"));
		}
		return items;
	}

	static String expectedReply(Item item) {
		return item.domain().equals("trivia") ? item.expected() : "The answer is " + item.expected() + ".";
	}

	static List<ObjectNode> requests(String model, List<Item> items) {
		return items.stream().map(item -> SimClient.chat(model, item.prompt())).toList();
	}

	@Test
	void observedAccuracyPerDomainMatchesTheConfiguredOne() {
		List<Item> items = items(2000);
		Model model = instantModel("sim").withAccuracy(0.9).withAccuracy("math", 0.95).withAccuracy("mcq", 0.6);
		try (var simulator = Simulator.start(SimulatorConfig.of(42, model).withItems(items), 0)) {
			List<String> replies = new SimClient(simulator).contents(requests("sim", items), 32);

			Map<String, Double> configured = Map.of("math", 0.95, "mcq", 0.6, "trivia", 0.9);
			configured.forEach((domain, accuracy) -> {
				List<Integer> indexes = IntStream.range(0, items.size())
					.filter(i -> items.get(i).domain().equals(domain))
					.boxed()
					.toList();
				long correct = indexes.stream().filter(i -> replies.get(i).equals(expectedReply(items.get(i)))).count();
				assertThat((double) correct / indexes.size()).as(domain).isCloseTo(accuracy,
						org.assertj.core.data.Offset.offset(0.01));
			});
		}
	}

	@Test
	void wrongAnswersAreDifferentButOfTheSameKind() {
		List<Item> items = items(200);
		try (var simulator = Simulator.start(SimulatorConfig.of(1, instantModel("bad").withAccuracy(0.0)).withItems(items), 0)) {
			List<String> replies = new SimClient(simulator).contents(requests("bad", items), 16);

			for (int i = 0; i < items.size(); i++) {
				Item item = items.get(i);
				String reply = replies.get(i);
				assertThat(reply).isNotEqualTo(expectedReply(item));
				switch (item.domain()) {
					case "math" -> assertThat(reply).matches("The answer is -?\\d+\\.").doesNotContain(" " + item.expected() + ".");
					case "mcq" -> assertThat(reply).matches("The answer is [A-D]\\.");
					default -> assertThat(reply).matches("City\\d+");
				}
			}
		}
	}

	@Test
	void aWrongGsm8kSolutionEndsOnAnotherNumber() {
		String solution = "She sells 16 - 3 - 4 = 9 eggs for $2 each, so 9 * 2 = 18.\n#### 18";
		List<Item> items = List.of(new Item("How much does Janet make?", solution, "math"));
		try (var simulator = Simulator.start(SimulatorConfig.of(1, instantModel("bad").withAccuracy(0.0)).withItems(items), 0)) {
			String reply = SimClient.content(new SimClient(simulator).post(SimClient.chat("bad", "How much does Janet make?")));

			assertThat(reply).startsWith("She sells 16 - 3 - 4 = 9 eggs for $2 each, so 9 * 2 = 18.\n#### ")
				.doesNotEndWith("#### 18")
				.matches("(?s).*#### \\d+");
		}
	}

	@Test
	void sameSeedGivesTheSameAnswersAndAnotherSeedOthers() {
		List<Item> items = items(100);
		Model model = instantModel("sim").withAccuracy(0.5);
		List<String> first = answersOnAFreshSimulator(SimulatorConfig.of(42, model).withItems(items), items);
		List<String> again = answersOnAFreshSimulator(SimulatorConfig.of(42, model).withItems(items), items);
		List<String> otherSeed = answersOnAFreshSimulator(SimulatorConfig.of(43, model).withItems(items), items);

		assertThat(again).isEqualTo(first);
		assertThat(otherSeed).isNotEqualTo(first);
	}

	@Test
	void repeatingAPromptDrawsAfreshButTheRequestSeedPinsTheAnswer() {
		List<Item> items = List.of(new Item("What is 20 plus 22?", "42", "math"));
		try (var simulator = Simulator.start(SimulatorConfig.of(5, instantModel("coin").withAccuracy(0.5)).withItems(items), 0)) {
			var client = new SimClient(simulator);
			var unseeded = new ArrayList<String>();
			for (int i = 0; i < 40; i++) {
				unseeded.add(SimClient.content(client.post(SimClient.chat("coin", "What is 20 plus 22?"))));
			}
			assertThat(unseeded).contains("The answer is 42.").anyMatch(reply -> !reply.equals("The answer is 42."));

			ObjectNode seeded = SimClient.chat("coin", "What is 20 plus 22?").put("seed", 1234);
			String pinned = SimClient.content(client.post(seeded));
			for (int i = 0; i < 10; i++) {
				assertThat(SimClient.content(client.post(seeded))).isEqualTo(pinned);
			}
		}
	}

	@Test
	void findsAKnownPromptInsideAPromptTemplate() {
		List<Item> items = List.of(new Item("What is the  capital\nof France?", "Paris", "geo"),
				new Item("2+2?", "4", "math"));
		try (var simulator = Simulator.start(SimulatorConfig.of(5, instantModel("sim")).withItems(items), 0)) {
			var client = new SimClient(simulator);

			assertThat(SimClient.content(client.post(SimClient.chat("sim",
					"Answer the question.\n\nQuestion: What is the capital of France?\nAnswer:")))).isEqualTo("Paris");
			assertThat(SimClient.content(client.post(SimClient.chat("sim", "Solve: 2+2? Think step by step."))))
				.isEqualTo("The answer is 4.");
		}
	}

	@Test
	void readsItemsFromJsonlDatasetsNextToTheYamlConfig(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("items.jsonl"), """
				{"prompt": "What is 3 cubed?", "expected": "27", "domain": "math"}

				{"question": "Pick the prime: A) 4 B) 6 C) 7 D) 9", "answer": "C", "id": 17}
				{"messages": [{"role": "user", "content": "Say hi"}], "expected": 0}
				""");
		Files.writeString(dir.resolve("sim.yaml"), """
				seed: 42
				models:
				  - name: sim-large
				    accuracy: {default: 1.0}
				    latency: {medianMs: 0, p95Ms: 0}
				datasets:
				  - path: items.jsonl
				""");
		try (var simulator = Simulator.start(SimulatorConfig.load(dir.resolve("sim.yaml")), 0)) {
			var client = new SimClient(simulator);

			assertThat(SimClient.content(client.post(SimClient.chat("sim-large", "What is 3 cubed?"))))
				.isEqualTo("The answer is 27.");
			assertThat(SimClient.content(client.post(SimClient.chat("sim-large", "Pick the prime: A) 4 B) 6 C) 7 D) 9"))))
				.isEqualTo("The answer is C.");
			assertThat(SimClient.content(client.post(SimClient.chat("sim-large", "Say hi")))).isEqualTo("The answer is 0.");
		}
	}

	@Test
	void usesACustomAnswerTemplate() {
		List<Item> items = List.of(new Item("What is 20 plus 22?", "42", "math"));
		var config = SimulatorConfig.of(5, instantModel("sim")).withItems(items).withAnswerTemplate("#### {answer}");
		try (var simulator = Simulator.start(config, 0)) {
			assertThat(SimClient.content(new SimClient(simulator).post(SimClient.chat("sim", "What is 20 plus 22?"))))
				.isEqualTo("#### 42");
		}
	}

	@Test
	void sendsLongAnswersWholeStreamedOrNot() {
		String essay = "word ".repeat(8_000).strip();
		List<Item> items = List.of(new Item("Write an essay.", essay, "writing"));
		try (var simulator = Simulator.start(SimulatorConfig.of(5, instantModel("sim")).withItems(items), 0)) {
			var client = new SimClient(simulator);

			assertThat(SimClient.content(client.post(SimClient.chat("sim", "Write an essay.")))).isEqualTo(essay);
			var streamed = SimClient.chat("sim", "Write an essay.").put("stream", true);
			String content = SimulatorWireTests.dataLines(client.post(streamed).body())
				.stream()
				.filter(data -> !data.equals("[DONE]"))
				.map(data -> SimClient.JSON.readTree(data).path("choices").path(0).path("delta").path("content").asString(""))
				.reduce("", String::concat);
			assertThat(content).isEqualTo(essay);
		}
	}

	private static List<String> answersOnAFreshSimulator(SimulatorConfig config, List<Item> items) {
		try (var simulator = Simulator.start(config, 0)) {
			return new SimClient(simulator).contents(requests("sim", items), 16);
		}
	}

}
