package dev.arbiter.inference.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.arbiter.inference.simulator.SimulatorConfig.Latency;
import dev.arbiter.inference.simulator.SimulatorConfig.Model;

class SimulatorConfigTests {

	static final Path BASE = Path.of("/data/sim");

	@Test
	void readsEveryKeyOfTheYamlFormat() {
		var config = SimulatorConfig.parse("""
				seed: 42
				forceTimeoutMs: 5000
				answerTemplate: "Answer: {answer}"
				models:
				  - name: sim-large
				    accuracy: {default: 0.9, math: 0.95, code: 0.8}
				    latency: {medianMs: 400, p95Ms: 900}
				    ttftMs: 80
				    errorRate: 0.01
				    rateLimitRate: 0.02
				    outputTokens: {mean: 120}
				  - name: sim-small
				    accuracy: 0.6
				datasets:
				  - path: items.jsonl
				  - /abs/other.jsonl
				items:
				  - {prompt: "2+2?", expected: 4, domain: math}
				""", BASE);

		assertThat(config.seed()).isEqualTo(42);
		assertThat(config.forceTimeoutMs()).isEqualTo(5000);
		assertThat(config.answerTemplate()).isEqualTo("Answer: {answer}");
		Model large = config.model("sim-large");
		assertThat(large.accuracyFor("math")).isEqualTo(0.95);
		assertThat(large.accuracyFor("code")).isEqualTo(0.8);
		assertThat(large.accuracyFor("safety")).isEqualTo(0.9);
		assertThat(large.latency()).isEqualTo(new Latency(400, 900));
		assertThat(large.ttftMs()).isEqualTo(80);
		assertThat(large.errorRate()).isEqualTo(0.01);
		assertThat(large.rateLimitRate()).isEqualTo(0.02);
		assertThat(large.outputTokens().mean()).isEqualTo(120);
		Model small = config.model("sim-small");
		assertThat(small.accuracyFor("anything")).isEqualTo(0.6);
		assertThat(small.latency()).isEqualTo(Model.named("x").latency());
		assertThat(config.datasets()).extracting(d -> d.path().toString())
			.containsExactly("/data/sim/items.jsonl", "/abs/other.jsonl");
		assertThat(config.items()).singleElement().satisfies(item -> {
			assertThat(item.expected()).isEqualTo("4");
			assertThat(item.domain()).isEqualTo("math");
		});
	}

	@Test
	void defaultsToTheDocumentedValues() {
		var config = SimulatorConfig.parse("models: [{name: m}]", BASE);

		assertThat(config.seed()).isZero();
		assertThat(config.forceTimeoutMs()).isEqualTo(30_000);
		assertThat(config.answerTemplate()).isEqualTo("The answer is {answer}.");
		assertThat(config.model("m")).isEqualTo(Model.named("m"));
	}

	@Test
	void rejectsImpossibleSettingsNamingTheKey() {
		assertThatThrownBy(() -> SimulatorConfig.parse("models: []", BASE)).hasMessageContaining("models");
		assertThatThrownBy(() -> SimulatorConfig.parse("models: [{name: m, accuracy: 1.5}]", BASE))
			.hasMessageContaining("models.m.accuracy.default");
		assertThatThrownBy(() -> SimulatorConfig.parse("models: [{name: m, latency: {medianMs: 500, p95Ms: 100}}]", BASE))
			.hasMessageContaining("p95Ms");
		assertThatThrownBy(() -> SimulatorConfig.parse("models: [{name: m, errorRate: 0.7, rateLimitRate: 0.7}]", BASE))
			.hasMessageContaining("errorRate + rateLimitRate");
		assertThatThrownBy(() -> SimulatorConfig.parse("models: [{name: m}, {name: m}]", BASE))
			.hasMessageContaining("duplicate");
		assertThatThrownBy(() -> SimulatorConfig.parse("models: [{name: m, errorRate: lots}]", BASE))
			.hasMessageContaining("errorRate");
		assertThatThrownBy(() -> SimulatorConfig.parse("models: [{name: m}]\nanswerTemplate: plain", BASE))
			.hasMessageContaining("{answer}");
	}

	@Test
	void buildsTheSameConfigInCode() {
		var model = Model.named("sim-large")
			.withAccuracy(0.9)
			.withAccuracy("math", 0.95)
			.withLatency(400, 900)
			.withTtftMs(80)
			.withErrorRate(0.01)
			.withOutputTokens(120);

		assertThat(model.accuracyFor("math")).isEqualTo(0.95);
		assertThat(model.accuracyFor("code")).isEqualTo(0.9);
		assertThat(model.latency().p95Ms()).isEqualTo(900);
	}

}
