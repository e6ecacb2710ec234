package dev.arbiter.evaluation.internal.scoring;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.arbiter.evaluation.internal.scoring.Scoring.score;
import static dev.arbiter.evaluation.internal.scoring.Scoring.scorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Expected values are rouge-score's own, from {@code rouge/rouge_scorer_test.py} in the
 * google-research/google-research repository; the "against ROUGE-1.5.5" ones use the first two
 * lines of its {@code rouge/testdata/target.txt} and {@code prediction.txt} (nonsense words built
 * to exercise the stemmer) and are given there to 5 decimal places.
 */
class RougeTests {

	private static final String[] TARGETS = {
			"ZfbCUIUuePaiLVUlCaUXxkpu XPeWing tUHfPMuZ',-Xd Y BrUgVJing M-HV.-DgdDaY.rFDJCRing Ht-LM EKBDXkME,yz'RBr "
					+ "q'wtion wIojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxer tKM L\n",
			"KsJdPByEtAor fE-Qg Dpdbring cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMtion psing sbKao Q m qiing LMmer "
					+ "HqqLFXe,XPY,J XsurkMer ,ed nB'wH'bWVHjWFEing tQ.saefZwJtKrTlixYpMMsJing UCAPwNHeYVjDing c T "
					+ "BUySKtion gMPfJpwGw p'NvxAoping eu pBwMBKV'I DNxqelhu,PHPxDEq,mtion SN\n" };

	private static final String[] PREDICTIONS = {
			"rFDJCRtion Ht-LM EKtDXkME,yz'RBr q'wer wrojNbN wL,b .a-'XdQggyFl jB-RPP'iyOIcUxi\n",
			"n cw-WeFyu vC MoBL Xdn g wkvcEiGvKtion BDFhrpMer pstion sbKao Q m qier LMmed HqqLFXe,XPY,J XsurkMeo ,ed "
					+ "nB'wH'bWVHjWFEer tQ.saefZwJtKrTlixYpMMNJtion UCAPwNHeYVjD\n" };

	private static final double FIVE_PLACES = 0.5e-5;

	private static void assertScore(Rouge.Result r, double recall, double precision, double fmeasure) {
		assertThat(r.recall()).as("recall").isCloseTo(recall, within(FIVE_PLACES));
		assertThat(r.precision()).as("precision").isCloseTo(precision, within(FIVE_PLACES));
		assertThat(r.fmeasure()).as("fmeasure").isCloseTo(fmeasure, within(FIVE_PLACES));
	}

	private static Rouge.Result rouge(String variant, boolean stemming, int line) {
		return new Rouge(variant, stemming).score(TARGETS[line], PREDICTIONS[line]);
	}

	@Test
	void rouge1MatchesRouge155() {
		assertScore(rouge("rouge1", false, 0), 0.40741, 0.68750, 0.51163);
		assertScore(rouge("rouge1", false, 1), 0.40476, 0.65385, 0.50000);
	}

	@Test
	void rouge1WithStemmingMatchesRouge155() {
		assertScore(rouge("rouge1", true, 0), 0.40741, 0.68750, 0.51163);
		assertScore(rouge("rouge1", true, 1), 0.42857, 0.69231, 0.52941);
	}

	@Test
	void rouge2MatchesRouge155WithAndWithoutStemming() {
		for (boolean stemming : new boolean[] { false, true }) {
			assertScore(rouge("rouge2", stemming, 0), 0.30769, 0.53333, 0.39024);
			assertScore(rouge("rouge2", stemming, 1), 0.29268, 0.48000, 0.36364);
		}
	}

	@Test
	void rougeLMatchesRouge155() {
		assertScore(rouge("rougeL", false, 0), 0.40741, 0.68750, 0.51163);
		assertScore(rouge("rougeL", false, 1), 0.40476, 0.65385, 0.50000);
	}

	@Test
	void rouge1CountsUnigramOverlap() {
		Rouge.Result r = new Rouge("rouge1", false).score("testing one two", "testing");

		assertThat(r.precision()).isEqualTo(1.0);
		assertThat(r.recall()).isCloseTo(1.0 / 3, within(1e-12));
		assertThat(r.fmeasure()).isCloseTo(0.5, within(1e-12));
	}

	@Test
	void rouge2CountsBigramOverlap() {
		Rouge.Result r = new Rouge("rouge2", false).score("testing one two", "testing one");

		assertThat(r.precision()).isEqualTo(1.0);
		assertThat(r.recall()).isCloseTo(0.5, within(1e-12));
		assertThat(r.fmeasure()).isCloseTo(2.0 / 3, within(1e-12));
	}

	@Test
	void rougeLUsesTheLongestCommonSubsequenceConsecutiveOrNot() {
		for (String prediction : List.of("testing one", "testing two")) {
			Rouge.Result r = new Rouge("rougeL", false).score("testing one two", prediction);

			assertThat(r.precision()).isEqualTo(1.0);
			assertThat(r.recall()).isCloseTo(2.0 / 3, within(1e-12));
			assertThat(r.fmeasure()).isCloseTo(0.8, within(1e-12));
		}
	}

	@Test
	void everyVariantScoresZeroForAnEmptyPrediction() {
		for (String variant : List.of("rouge1", "rouge2", "rougeL", "rougeLsum")) {
			Rouge.Result r = new Rouge(variant, false).score("testing one two", "");

			assertThat(r).as(variant).isEqualTo(Rouge.Result.ZERO);
		}
	}

	@Test
	void rougeLsumUsesTheUnionLcsOverSentences() {
		Rouge.Result r = new Rouge("rougeLsum", false).score("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5");

		assertThat(r.recall()).isCloseTo(0.8, within(1e-12));
		assertThat(r.precision()).isCloseTo(0.4, within(1e-12));
		assertThat(r.fmeasure()).isCloseTo(0.5333, within(0.5e-4));
		assertThat(new Rouge("rougeLsum", false).score("w1 w2 w3 w4 w5", "/")).isEqualTo(Rouge.Result.ZERO);
	}

	@Test
	void tokenizesLikeRougeScore() {
		assertThat(new Rouge("rouge1", false).tokenize("The QUICK-brown fox's 2nd jump!"))
			.containsExactly("the", "quick", "brown", "fox", "s", "2nd", "jump");
		assertThat(new Rouge("rouge1", true).tokenize("The running dogs ran quickly"))
			.containsExactly("the", "run", "dog", "ran", "quickli");
	}

	@Test
	void rougeScorerReportsTheFMeasureOfTheBestReference() {
		Scorer scorer = scorer("rouge", "variant", "rouge2");

		Score s = score(scorer, "testing one", "something else entirely", "testing one two");

		assertThat(s.value()).isCloseTo(2.0 / 3, within(1e-12));
		assertThat(s.passed()).isTrue();
		assertThat(s.detail()).startsWith("rouge2 P 1.0000 R 0.5000 F 0.6667");
	}

	@Test
	void rougeScorerCanReportRecall() {
		assertThat(score(scorer("rouge", "measure", "recall"), "testing", "testing one two").value())
			.isCloseTo(1.0 / 3, within(1e-12));
	}

	@Test
	void rougeScorerStemsWhenAsked() {
		assertThat(score(scorer("rouge"), "dogs running", "dog run").value()).isEqualTo(0.0);
		assertThat(score(scorer("rouge", "stemming", true), "dogs running", "dog run").value()).isEqualTo(1.0);
	}

	@Test
	void rougeScorerFailsBelowTheThreshold() {
		Score s = score(scorer("rouge", "threshold", 0.9), "testing one", "testing one two");

		assertThat(s.value()).isCloseTo(0.8, within(1e-12));
		assertThat(s.passed()).isFalse();
	}

	@Test
	void rougeScorerFailsWithoutAReference() {
		assertThat(score(scorer("rouge"), "anything").passed()).isFalse();
	}

	@Test
	void rougeScorerRejectsAnUnknownVariant() {
		for (String variant : List.of("rougen", "rouge0", "rouge10", "rougeW")) {
			assertThatThrownBy(() -> scorer("rouge", "variant", variant)).isInstanceOf(InvalidScoringConfig.class)
				.extracting(e -> ((InvalidScoringConfig) e).key())
				.isEqualTo("variant");
		}
	}

}
