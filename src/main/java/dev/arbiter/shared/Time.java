package dev.arbiter.shared;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Timestamps as the databases store them: UTC, to the microsecond, so an answer shows what was stored. */
public final class Time {

	private Time() {
	}

	public static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}

	/** A caller-supplied instant in UTC, to the microsecond. */
	public static OffsetDateTime normalize(OffsetDateTime time) {
		return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}
}
