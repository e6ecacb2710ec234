package dev.arbiter.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import org.springframework.stereotype.Component;

/**
 * Sentence embeddings from all-MiniLM-L6-v2 (quantized), as bundled in LangChain4j's jar, so no
 * network is needed: 384 floats of unit length, so the dot product of two is their cosine.
 *
 * <p>The model was trained on at most 256 word pieces, and the cost of an embedding grows with the
 * text. A longer text is clipped to its first three quarters and its last quarter of that budget
 * (instructions tend to open or close a prompt), joined by " … ". The model and its tokenizer are
 * loaded once, on first use; every method is thread-safe.
 */
@Component
public class Embeddings {

	/** Floats per embedding. */
	public static final int DIMENSION = 384;

	/** Word pieces of a text that are embedded; the rest is clipped away. */
	public static final int MAX_TOKENS = 256;

	/** A word piece covers at most this many characters in practice (an unknown word is one piece). */
	private static final int CHARS_PER_TOKEN_BOUND = 24;

	/** Embeds one text; a blank text embeds as "." (which resembles nothing). */
	public float[] embed(String text) {
		return Model.MODEL.embed(clip(nonBlank(text))).content().vector();
	}

	/** Embeds several texts at once (in parallel on the model's own threads), in their order. */
	public List<float[]> embedAll(List<String> texts) {
		if (texts.isEmpty()) {
			return List.of();
		}
		var segments = texts.stream().map(text -> TextSegment.from(clip(nonBlank(text)))).toList();
		return Model.MODEL.embedAll(segments).content().stream().map(embedding -> embedding.vector()).toList();
	}

	/**
	 * The text itself if it has at most {@link #MAX_TOKENS} word pieces, else its first three
	 * quarters and last quarter of that many pieces, joined by " … ".
	 */
	public static String clip(String text) {
		if (text.length() <= MAX_TOKENS) {
			return text; // every word piece covers at least one character
		}
		int headTokens = MAX_TOKENS * 3 / 4;
		int tailTokens = MAX_TOKENS - headTokens;
		var window = text.substring(0, Math.min(text.length(), MAX_TOKENS * CHARS_PER_TOKEN_BOUND));
		var spans = Model.TOKENIZER.encode(window, false, false).getCharTokenSpans();
		if (window.length() == text.length() && spans.length <= MAX_TOKENS) {
			return text;
		}
		int headEnd = spans[Math.min(headTokens, spans.length) - 1].getEnd();
		int tailFrom = Math.max(headEnd, text.length() - tailTokens * CHARS_PER_TOKEN_BOUND);
		var tailSpans = Model.TOKENIZER.encode(text.substring(tailFrom), false, false).getCharTokenSpans();
		int tailStart = tailSpans.length == 0 ? text.length()
				: tailFrom + tailSpans[Math.max(0, tailSpans.length - tailTokens)].getStart();
		return text.substring(0, headEnd) + " … " + text.substring(Math.max(tailStart, headEnd));
	}

	/**
	 * The share of a text's words that the model's vocabulary holds whole, counting only words of
	 * two or more Latin letters; 1 when there are none. Prose in English and most languages written
	 * in Latin letters scores well above 0.3 (even with typos), keyboard mashing and invented words
	 * near 0, so it tells a text the model cannot read from one it merely finds unlike anything.
	 */
	public static double knownWordShare(String text) {
		if (text == null || text.isBlank()) {
			return 1.0;
		}
		var encoding = Model.TOKENIZER.encode(clip(text), false, false);
		var tokens = encoding.getTokens();
		var wordIds = encoding.getWordIds();
		int words = 0;
		int known = 0;
		for (int start = 0; start < tokens.length;) {
			int end = start + 1;
			var word = new StringBuilder(tokens[start]);
			while (end < tokens.length && wordIds[end] == wordIds[start]) {
				word.append(tokens[end].startsWith("##") ? tokens[end].substring(2) : tokens[end]);
				end++;
			}
			if (word.length() >= 2 && word.chars().allMatch(Embeddings::isLatinLetter)) {
				words++;
				if (end - start == 1) {
					known++;
				}
			}
			start = end;
		}
		return words == 0 ? 1.0 : (double) known / words;
	}

	private static boolean isLatinLetter(int c) {
		return Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
	}

	private static String nonBlank(String text) {
		return text == null || text.isBlank() ? "." : text;
	}

	/** Holder: the JVM loads the model and its tokenizer once, thread-safely, on first use. */
	private static final class Model {

		static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();

		static final HuggingFaceTokenizer TOKENIZER = tokenizer();

		private static HuggingFaceTokenizer tokenizer() {
			try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
				if (in == null) {
					throw new IllegalStateException("The tokenizer of all-MiniLM-L6-v2 is missing from the classpath");
				}
				return HuggingFaceTokenizer.newInstance(in, Map.of("padding", "false", "truncation", "false"));
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot load the tokenizer of all-MiniLM-L6-v2", e);
			}
		}
	}
}
