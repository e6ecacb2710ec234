package dev.arbiter.inference.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.arbiter.inference.simulator.SimulatorConfig.Item;

class KnownItemsTests {

	static final KnownItems ITEMS = new KnownItems(List.of(
			new Item("What is the capital of France?", "Paris", "geo"),
			new Item("What is the capital of France? Answer in French.", "Paris", "geo"),
			new Item("1+1", "2", "math"),
			new Item("What is the capital of France?", "Lyon", "geo")));

	@Test
	void normalisesByTrimmingAndCollapsingWhitespace() {
		assertThat(KnownItems.normalize("  a \t b\n\n c  ")).isEqualTo("a b c");
	}

	@Test
	void findsAPromptByItsNormalisedText() {
		assertThat(ITEMS.find(KnownItems.normalize("What is the\ncapital of  France? "))).isNotNull()
			.satisfies(known -> assertThat(known.item().expected()).isEqualTo("Paris"));
	}

	@Test
	void keepsTheFirstOfDuplicatePrompts() {
		assertThat(ITEMS.size()).isEqualTo(3);
	}

	@Test
	void findsTheLongestKnownPromptInsideATemplate() {
		var known = ITEMS.find("System: be brief. What is the capital of France? Answer in French. Thanks!");

		assertThat(known.item().prompt()).endsWith("Answer in French.");
		assertThat(known.indexInDomain()).isEqualTo(1);
	}

	@Test
	void findsShortPromptsInsideATemplate() {
		assertThat(ITEMS.find("Compute 1+1 please").item().expected()).isEqualTo("2");
	}

	@Test
	void knowsNothingAboutOtherPrompts() {
		assertThat(ITEMS.find("What is the capital of Spain?")).isNull();
	}

}
