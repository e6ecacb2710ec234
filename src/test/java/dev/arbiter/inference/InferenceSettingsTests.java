package dev.arbiter.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class InferenceSettingsTests {

	static InferenceSettings bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties))
			.bindOrCreate("arbiter.inference", InferenceSettings.class);
	}

	@Test
	void defaultsEverySettingLeftOut() {
		var settings = bind(Map.of());

		assertThat(settings).isEqualTo(InferenceSettings.defaults());
		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.firstByteTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.totalTimeout()).isEqualTo(Duration.ofSeconds(300));
		assertThat(settings.maxAttempts()).isEqualTo(3);
		assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(200));
		assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.defaultMaxConcurrency()).isEqualTo(16);
	}

	@Test
	void bindsDurationsAndCounts() {
		var settings = bind(Map.of("arbiter.inference.first-byte-timeout", "2s", "arbiter.inference.max-attempts", "5",
				"arbiter.inference.initial-backoff", "50ms", "arbiter.inference.default-max-concurrency", "4"));

		assertThat(settings.firstByteTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.maxAttempts()).isEqualTo(5);
		assertThat(settings.initialBackoff()).isEqualTo(Duration.ofMillis(50));
		assertThat(settings.defaultMaxConcurrency()).isEqualTo(4);
		assertThat(settings.totalTimeout()).isEqualTo(Duration.ofSeconds(300));
	}

	@Test
	void rejectsSettingsThatCannotWork() {
		assertThatThrownBy(() -> bind(Map.of("arbiter.inference.max-attempts", "0"))).isInstanceOf(BindException.class)
			.rootCause().hasMessageContaining("max-attempts");
		assertThatThrownBy(() -> bind(Map.of("arbiter.inference.total-timeout", "0s"))).isInstanceOf(BindException.class)
			.rootCause().hasMessageContaining("total-timeout");
		assertThatThrownBy(() -> bind(Map.of("arbiter.inference.max-backoff", "100ms"))).isInstanceOf(BindException.class)
			.rootCause().hasMessageContaining("max-backoff");
	}
}
