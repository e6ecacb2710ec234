package dev.arbiter.evaluation.internal.scoring;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PorterStemmerTests {

	@Test
	void stemsNltksDocumentedExamplesAsNltkDoes() {
		// the doctest in NLTK's porter module and stem howto
		String[] plurals = { "caresses", "flies", "dies", "mules", "denied", "died", "agreed", "owned", "humbled",
				"sized", "meeting", "stating", "siezing", "itemization", "sensational", "traditional", "reference",
				"colonizer", "plotted" };

		assertThat(String.join(" ", Arrays.stream(plurals).map(PorterStemmer::stem).toList())).isEqualTo(
				"caress fli die mule deni die agre own humbl size meet state siez item sensat tradit refer colon plot");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "dying, die", "skies, sky", "news, news", "generously, gener", "happiness, happi",
			"controlling, control", "hopping, hop", "geology, geolog", "relational, relat", "enjoy, enjoy",
			"happy, happi", "as, as", "is, is" })
	void appliesNltksExtensions(String word, String stem) {
		assertThat(PorterStemmer.stem(word)).isEqualTo(stem);
	}

}
