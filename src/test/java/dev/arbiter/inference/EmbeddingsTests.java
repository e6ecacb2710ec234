package dev.arbiter.inference;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The bundled all-MiniLM-L6-v2: unit vectors, clipped long texts, and which texts it can read. */
class EmbeddingsTests {

	final Embeddings embeddings = new Embeddings();

	@Test
	void embeddingsAreUnitVectorsAndOneAtATimeEqualsABatch() {
		var one = embeddings.embed("What is 17 times 23?");
		assertThat(one).hasSize(Embeddings.DIMENSION);
		assertThat(dot(one, one)).isCloseTo(1.0, within(1e-4));
		var batch = embeddings.embedAll(List.of("Why is the sky blue?", "What is 17 times 23?"));
		assertThat(dot(batch.get(1), one)).isCloseTo(1.0, within(1e-4));
		assertThat(dot(batch.get(0), one)).isLessThan(0.5);
		assertThat(embeddings.embedAll(List.of())).isEmpty();
	}

	@Test
	void shortTextsAreNotClipped() {
		var text = "Summarize the following text in one or two sentences. ".repeat(10);
		assertThat(Embeddings.clip(text)).isEqualTo(text);
	}

	@Test
	void longTextsKeepTheirHeadAndTail() {
		var text = "Summarize the following article. " + "The council met and talked about roads. ".repeat(500)
				+ "Answer in French.";
		var clipped = Embeddings.clip(text);
		assertThat(clipped).startsWith("Summarize the following article.").endsWith("Answer in French.").contains(" … ");
		assertThat(clipped.length()).isLessThan(1_600);
		assertThat(embeddings.embed(text)).hasSize(Embeddings.DIMENSION);
	}

	@Test
	void clippingHandlesTextWithoutSpacesAndOutsideLatinScript() {
		var text = "東京".repeat(2_000) + "x".repeat(20_000);
		var clipped = Embeddings.clip(text);
		assertThat(clipped).startsWith("東京").contains(" … ");
		assertThat(clipped.length()).isLessThan(text.length());
	}

	@Test
	void gibberishHasFewKnownWordsAndProseMany() {
		assertThat(Embeddings.knownWordShare("xqzv blorptang frimble wug snerk plimf")).isLessThan(0.25);
		assertThat(Embeddings.knownWordShare("asdkjh qwpoeiru zmxncb")).isLessThan(0.25);
		assertThat(Embeddings.knownWordShare("Write a Python function that reverses a linked list.")).isGreaterThan(0.8);
		assertThat(Embeddings.knownWordShare("wat iz teh captial of frnace??")).isGreaterThan(0.25);
		assertThat(Embeddings.knownWordShare("¿Cuántas patas tiene una araña? Responde con un número.")).isGreaterThan(0.25);
		assertThat(Embeddings.knownWordShare("日本の首都はどこですか")).as("no Latin words").isEqualTo(1.0);
		assertThat(Embeddings.knownWordShare("2+2=")).isEqualTo(1.0);
	}

	static double dot(float[] a, float[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += a[i] * b[i];
		}
		return sum;
	}
}
