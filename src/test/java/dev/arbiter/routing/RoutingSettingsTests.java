package dev.arbiter.routing;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoutingSettingsTests {

	@Test
	void everySettingHasADefault() {
		var settings = RoutingSettings.defaults();
		assertThat(settings.defaultDomain()).isEqualTo("open-qa");
		var classifier = settings.classifier();
		assertThat(classifier.temperature()).isEqualTo(0.05);
		assertThat(classifier.minConfidence()).isEqualTo(0.35);
		assertThat(classifier.minKnownWords()).isEqualTo(0.25);
		assertThat(classifier.itemsPerDomain()).isEqualTo(200);
		assertThat(classifier.checkEvery()).isEqualTo(Duration.ofSeconds(30));
		assertThat(classifier.refreshEvery()).isEqualTo(Duration.ofMinutes(10));
		assertThat(classifier.cacheSize()).isEqualTo(10_000);
		assertThat(classifier.cacheTtl()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void refusesValuesThatMakeNoSense() {
		assertThatThrownBy(() -> new RoutingSettings.Classifier(0.0, null, null, null, null, null, null, null))
			.hasMessageContaining("arbiter.routing.classifier.temperature");
		assertThatThrownBy(() -> new RoutingSettings.Classifier(null, 1.5, null, null, null, null, null, null))
			.hasMessageContaining("min-confidence");
		assertThatThrownBy(() -> new RoutingSettings.Classifier(null, null, null, -1, null, null, null, null))
			.hasMessageContaining("items-per-domain");
		assertThatThrownBy(() -> new RoutingSettings.Classifier(null, null, null, null, Duration.ofSeconds(-1), null, null, null))
			.hasMessageContaining("check-every");
	}

	@Test
	void defaultDomainIsASlug() {
		assertThat(new RoutingSettings(" Math ", null).defaultDomain()).isEqualTo("math");
	}
}
