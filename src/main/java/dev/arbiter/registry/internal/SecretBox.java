package dev.arbiter.registry.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.arbiter.shared.ArbiterSettings;

import org.springframework.stereotype.Component;

/**
 * Encrypts upstream secrets (agents' API keys) at rest with AES-256-GCM. The key comes from
 * {@code ARBITER_SECRET_KEY} (base64 of 32 bytes) or from {@code secret.key} in the data
 * directory, which is generated with mode 0600 on first use. Losing the key makes stored
 * secrets unreadable; back it up with the database.
 */
@Component
public class SecretBox {

	private static final String VERSION = "v1:";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKey key;

	SecretBox(ArbiterSettings settings) {
		this.key = new SecretKeySpec(loadOrCreate(settings), "AES");
	}

	String encrypt(String plain) {
		try {
			var iv = new byte[12];
			RANDOM.nextBytes(iv);
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			var sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			var out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
			return VERSION + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Cannot encrypt a secret", e);
		}
	}

	public String decrypt(String stored) {
		if (!stored.startsWith(VERSION)) {
			throw new IllegalStateException("Unknown secret format");
		}
		try {
			var bytes = Base64.getDecoder().decode(stored.substring(VERSION.length()));
			var cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 0, 12));
			return new String(cipher.doFinal(bytes, 12, bytes.length - 12), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("Cannot decrypt a stored secret: was the secret key changed?", e);
		}
	}

	private static byte[] loadOrCreate(ArbiterSettings settings) {
		if (settings.secretKey() != null && !settings.secretKey().isBlank()) {
			return decodeKey(settings.secretKey().trim(), "ARBITER_SECRET_KEY");
		}
		Path file = settings.dataDir().toAbsolutePath().resolve("secret.key");
		try {
			if (Files.exists(file)) {
				return decodeKey(Files.readString(file).trim(), file.toString());
			}
			var fresh = new byte[32];
			RANDOM.nextBytes(fresh);
			Files.createDirectories(file.getParent());
			if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
				Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			}
			Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + System.lineSeparator());
			return fresh;
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read or create the secret key " + file, e);
		}
	}

	private static byte[] decodeKey(String base64, String source) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalStateException("The secret key in " + source + " is not base64", e);
		}
		if (bytes.length != 32) {
			throw new IllegalStateException("The secret key in " + source + " must be 32 bytes (base64), got " + bytes.length);
		}
		return bytes;
	}
}
