package dev.arbiter.tenancy.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A freshly made API key: {@code arb_} and 32 random bytes. Only its SHA-256 is stored (the key
 * has 256 bits of entropy, so a fast hash is safe and keeps authentication cheap); the first
 * characters are kept as the prefix that lists show.
 */
record ApiKeySecret(String key) {

	private static final SecureRandom RANDOM = new SecureRandom();

	static final int PREFIX_LENGTH = 12;

	static ApiKeySecret generate() {
		var bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return new ApiKeySecret("arb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	String prefix() {
		return key.substring(0, PREFIX_LENGTH);
	}

	String hash() {
		return hash(key);
	}

	static String hash(String key) {
		try {
			var digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
