package dev.arbiter.evaluation.internal.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;

/**
 * {@code embedding}: cosine similarity between the embeddings of the output and of the closest
 * expected answer, from all-MiniLM-L6-v2 (quantized) as bundled in LangChain4j's jar, so no
 * network is needed. The value is a cosine in [-1, 1] (in practice 0–1 for this model; identical
 * texts score 1). Default threshold 0.8, allowed range -1 to 1.
 *
 * <p>The model is loaded once, on first use, and shared by every instance.
 */
final class EmbeddingScorer implements Scorer {

	private final String name;

	private final double threshold;

	EmbeddingScorer(ScorerConfig config) {
		this.name = config.name();
		this.threshold = config.threshold(0.8, -1.0, 1.0);
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public Score score(ScoringInput input) {
		if (!input.hasExpected()) {
			return Score.failed(name, "no expected answer");
		}
		List<TextSegment> segments = new ArrayList<>();
		segments.add(TextSegment.from(nonBlank(input.output())));
		input.expected().forEach(e -> segments.add(TextSegment.from(nonBlank(e))));
		List<Embedding> embeddings = MiniLm.MODEL.embedAll(segments).content();
		double best = -1.0;
		for (int i = 1; i < embeddings.size(); i++) {
			best = Math.max(best, CosineSimilarity.between(embeddings.get(0), embeddings.get(i)));
		}
		best = Math.max(-1.0, Math.min(1.0, best));
		return Score.of(name, best, threshold, String.format(Locale.ROOT, "cosine similarity %.4f", best));
	}

	/** TextSegment refuses blank text, so a blank answer is embedded as "." (which resembles nothing). */
	private static String nonBlank(String text) {
		return text.isBlank() ? "." : text;
	}

	/** Holder: the JVM loads the model once, thread-safely, when a score is first asked for. */
	private static final class MiniLm {

		static final EmbeddingModel MODEL = new AllMiniLmL6V2QuantizedEmbeddingModel();

	}

}
