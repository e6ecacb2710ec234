package dev.arbiter.shared;

import java.util.Random;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids for rows written at a high rate (gateway decisions and their events): time-ordered UUIDs
 * (version 7), so new rows land at the end of their B-tree indexes instead of at random pages,
 * and without {@link UUID#randomUUID()}'s SecureRandom on the request path. They are unique,
 * not secret: nothing may rely on one being unguessable.
 */
public final class Ids {

	private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator(new Random());

	private Ids() {
	}

	public static UUID next() {
		return GENERATOR.generate();
	}
}
