package dev.arbiter.evaluation.internal.scoring;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.arbiter.evaluation.internal.scoring.Scoring.score;
import static dev.arbiter.evaluation.internal.scoring.Scoring.scorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Expected values are sacreBLEU's own: {@code test/test_bleu.py} (corpus BLEU of the README
 * example, n-gram statistics, {@code compute_bleu} on given statistics, effective order) and
 * {@code test/test_sentence_bleu.py} (sentence BLEU of issue #98 under each smoothing, and of
 * issue #141) in the mjpost/sacrebleu repository. sacreBLEU asserts the corpus values to 1e-8
 * and the sentence values to 1e-3 on its 0–100 scale; so do these tests.
 */
class SacreBleuTests {

	private static final List<List<String>> README_REFS = List.of(
			List.of("The dog bit the man.", "It was not unexpected.", "The man bit him first."),
			List.of("The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."));

	private static final List<String> README_HYPS = List.of("The dog bit the man.", "It wasn't surprising.",
			"The man had just bitten him.");

	// issue #98: the reference spells the t with a cedilla (U+0163), the hypothesis with a comma (U+021B)
	private static final String REF_98 = "produc\u0163ia de zah\u0103r brut se exprim\u0103 \u00een zah\u0103r alb;";

	private static final String SYS_98 = "Produc\u021bia de zah\u0103r prim\u0103 va fi exprimat\u0103 \u00een ceea ce "
			+ "prive\u0219te zah\u0103rul alb;";

	private static final double CORPUS_EPSILON = 1e-8;

	private static final double SENTENCE_EPSILON = 1e-3;

	private static SacreBleu raw(double floor) {
		// sacrebleu.raw_corpus_bleu: no tokenization, floor smoothing, effective order
		return SacreBleu.corpusDefaults().withTokenize("none").withSmoothing("floor", floor).withEffectiveOrder(true);
	}

	@Test
	void corpusBleuOfTheReadmeExampleMatchesSacreBleu() {
		assertThat(SacreBleu.corpusDefaults().corpusScore(README_HYPS, README_REFS).score()).isCloseTo(48.530827,
				within(CORPUS_EPSILON * 100));
	}

	@Test
	void corpusBleuWithoutSmoothingIsTheSameForTheReadmeExample() {
		assertThat(SacreBleu.corpusDefaults().withSmoothing("none", Double.NaN).corpusScore(README_HYPS, README_REFS)
			.score()).isCloseTo(48.530827, within(CORPUS_EPSILON * 100));
	}

	@Test
	void corpusBleuWithoutTokenizationMatchesSacreBleu() {
		assertThat(SacreBleu.corpusDefaults().withTokenize("none").corpusScore(README_HYPS, README_REFS).score())
			.isCloseTo(49.1919566, within(CORPUS_EPSILON * 100));
	}

	@Test
	void corpusBleuOfEmptyHypothesesIsZero() {
		assertThat(SacreBleu.corpusDefaults().corpusScore(List.of("", "", ""), README_REFS).score()).isEqualTo(0.0);
	}

	@Test
	void countsNgramStatisticsAsSacreBleu() {
		SacreBleu.Result r = raw(0.01).sentenceScore("am I am a character sequence",
				List.of("I am a symbol string sequence a a"));

		assertThat(r.counts()).containsExactly(4, 2, 1, 0);
		assertThat(r.totals()).containsExactly(6, 5, 4, 3);
	}

	@Test
	void computesBleuFromGivenStatisticsAsSacreBleu() {
		SacreBleu.Result r = SacreBleu.corpusDefaults().withSmoothing("none", Double.NaN)
			.compute(new double[] { 9, 7, 5, 3 }, new double[] { 10, 8, 6, 4 }, 11, 11);

		assertThat(r.score() / 100).isCloseTo(0.8375922397, within(CORPUS_EPSILON));
	}

	@Test
	void scoresFloorSmoothedRawBleuAsSacreBleu() {
		assertThat(raw(0.01).corpusScore(List.of("this is a fest"), List.of(List.of("this is a test"))).score() / 100)
			.isCloseTo(0.223606797749979, within(CORPUS_EPSILON));
	}

	@Test
	void usesTheEffectiveOrderForShortHypotheses() {
		assertThat(raw(0.01).corpusScore(List.of("test"), List.of(List.of("a test"))).score() / 100)
			.isCloseTo(0.3678794411714425, within(CORPUS_EPSILON));
		assertThat(raw(0.01).corpusScore(List.of("a test"), List.of(List.of("a test"))).score() / 100)
			.isCloseTo(1.0, within(CORPUS_EPSILON));
		assertThat(raw(0.01).corpusScore(List.of("a little test"), List.of(List.of("a test"))).score() / 100)
			.isCloseTo(0.03218297948685433, within(CORPUS_EPSILON));
	}

	@Test
	void scoresZeroForDegenerateStatistics() {
		SacreBleu floor = SacreBleu.corpusDefaults().withSmoothing("floor", 0.0);

		assertThat(floor.compute(new double[] { 0, 0, 0, 0 }, new double[] { 4, 4, 2, 1 }, 0, 1).score()).isEqualTo(0.0);
		assertThat(floor.compute(new double[] { 6, 5, 4, 0 }, new double[] { 6, 5, 4, 3 }, 6, 6).score())
			.isEqualTo(0.0);
		assertThat(SacreBleu.corpusDefaults().withSmoothing("floor", 0.01)
			.compute(new double[] { 0, 0, 0, 0 }, new double[] { 0, 0, 0, 0 }, 1, 5)
			.score()).isEqualTo(0.0);
	}

	@Test
	void sentenceBleuWithExpSmoothingMatchesSacreBleu() {
		assertThat(SacreBleu.sentenceDefaults().sentenceScore(SYS_98, List.of(REF_98)).score()).isCloseTo(8.493,
				within(SENTENCE_EPSILON));
	}

	@Test
	void sentenceBleuUnderEachSmoothingMatchesSacreBleu() {
		SacreBleu sentence = SacreBleu.sentenceDefaults();

		assertThat(sentence.withSmoothing("none", Double.NaN).sentenceScore(SYS_98, List.of(REF_98)).score())
			.isCloseTo(0.0, within(SENTENCE_EPSILON));
		assertThat(sentence.withSmoothing("floor", Double.NaN).sentenceScore(SYS_98, List.of(REF_98)).score())
			.isCloseTo(4.51688, within(SENTENCE_EPSILON));
		assertThat(sentence.withSmoothing("floor", 0.1).sentenceScore(SYS_98, List.of(REF_98)).score())
			.isCloseTo(4.51688, within(SENTENCE_EPSILON));
		assertThat(sentence.withSmoothing("floor", 0.5).sentenceScore(SYS_98, List.of(REF_98)).score())
			.isCloseTo(10.10, within(SENTENCE_EPSILON));
		assertThat(sentence.withSmoothing("add-k", Double.NaN).sentenceScore(SYS_98, List.of(REF_98)).score())
			.isCloseTo(14.882, within(SENTENCE_EPSILON));
		assertThat(sentence.withSmoothing("add-k", 2).sentenceScore(SYS_98, List.of(REF_98)).score())
			.isCloseTo(21.389, within(SENTENCE_EPSILON));
	}

	@Test
	void sentenceBleuWithoutTokenizationMatchesSacreBleu() {
		assertThat(SacreBleu.sentenceDefaults().withTokenize("none").sentenceScore(SYS_98, List.of(REF_98)).score())
			.isCloseTo(7.347, within(SENTENCE_EPSILON));
	}

	@Test
	void sentenceBleuWithNoMatchingWordIsZeroUnderEverySmoothing() {
		for (String smoothing : SacreBleu.SMOOTH_METHODS) {
			assertThat(SacreBleu.sentenceDefaults()
				.withSmoothing(smoothing, Double.NaN)
				.sentenceScore("this is a cat", List.of("okay thanks"))
				.score()).as(smoothing).isEqualTo(0.0);
		}
	}

	@Test
	void tokenizesLike13a() {
		assertThat(SacreBleu.Tokenizer13a.tokenize("It wasn't 3.5-4 times, \"really\"&amp;truly.")).isEqualTo(
				"It wasn't 3.5 - 4 times , \" really \" & truly .");
	}

	@Test
	void bleuScorerReportsSentenceBleuOnAZeroToOneScale() {
		Score s = score(scorer("bleu"), SYS_98, REF_98);

		assertThat(s.value()).isCloseTo(0.08493, within(SENTENCE_EPSILON / 100));
		assertThat(s.passed()).isFalse();
		assertThat(s.detail()).startsWith("BLEU 8.49");
	}

	@Test
	void bleuScorerPassesAnIdenticalAnswer() {
		Score s = score(scorer("bleu"), "The dog bit the man.", "The dog bit the man.");

		assertThat(s.value()).isCloseTo(1.0, within(1e-12));
		assertThat(s.passed()).isTrue();
	}

	@Test
	void bleuScorerUsesAllExpectedAnswersAsReferences() {
		Score one = score(scorer("bleu"), "It wasn't surprising.", "It was not unexpected.");
		Score two = score(scorer("bleu"), "It wasn't surprising.", "It was not unexpected.", "It wasn't surprising at all.");

		assertThat(two.value()).isGreaterThan(one.value());
	}

	@Test
	void bleuScorerPassesAtALowerThreshold() {
		assertThat(score(scorer("bleu", "threshold", 0.05), SYS_98, REF_98).passed()).isTrue();
	}

	@Test
	void bleuScorerFailsWithoutAReference() {
		assertThat(score(scorer("bleu"), "anything").passed()).isFalse();
	}

	@Test
	void bleuScorerRejectsAnUnknownSmoothing() {
		assertThatThrownBy(() -> scorer("bleu", "smooth", "laplace")).isInstanceOf(InvalidScoringConfig.class)
			.extracting(e -> ((InvalidScoringConfig) e).key())
			.isEqualTo("smooth");
	}

	@Test
	void bleuScorerRejectsAnUnknownTokenizer() {
		assertThatThrownBy(() -> scorer("bleu", "tokenize", "intl")).isInstanceOf(InvalidScoringConfig.class)
			.hasMessageContaining("tokenize");
	}

}
