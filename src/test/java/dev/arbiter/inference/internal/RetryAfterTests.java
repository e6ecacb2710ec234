package dev.arbiter.inference.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTests {

	final Instant now = Instant.parse("2015-10-21T07:28:00Z");

	@Test
	void readsDelaySeconds() {
		assertThat(RetryAfter.parse("1", now)).isEqualTo(Duration.ofSeconds(1));
		assertThat(RetryAfter.parse(" 120 ", now)).isEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void readsAnHttpDateAsTheWaitUntilThen() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", now)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void readsADateInThePastAsNoWait() {
		assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:00:00 GMT", now)).isEqualTo(Duration.ZERO);
	}

	@Test
	void ignoresWhatItCannotRead() {
		assertThat(RetryAfter.parse(null, now)).isNull();
		assertThat(RetryAfter.parse("", now)).isNull();
		assertThat(RetryAfter.parse("soon", now)).isNull();
		assertThat(RetryAfter.parse("-5", now)).isNull();
		assertThat(RetryAfter.parse("99999999999999999999999", now)).isNull();
	}
}
