package dev.arbiter.tenancy.internal;

import dev.arbiter.shared.Time;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.tenancy.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer <key>} into a {@link Caller} for everything under
 * {@code /api/} and {@code /v1/}; answers 401 without a live key. Keys are looked up by hash
 * through a short-lived cache, so the hot path rarely touches the database. (That a viewer key only
 * reads is checked by {@link ViewerWriteGuard}, which knows the endpoint.)
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

	static final String CALLER_ATTRIBUTE = Caller.REQUEST_ATTRIBUTE;

	private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	private final ApiKeys keys;

	private final Rejection rejection;

	private final Cache<String, Optional<ApiKey>> byHash = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterWrite(Duration.ofSeconds(30))
		.build();

	private final Map<UUID, OffsetDateTime> lastTouched = new ConcurrentHashMap<>();

	ApiKeyAuthenticationFilter(ApiKeys keys, ObjectMapper json) {
		this.keys = keys;
		this.rejection = new Rejection(json);
	}

	/** Forget cached lookups, e.g. after a key was revoked. */
	void forgetCachedKeys() {
		byHash.invalidateAll();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		var header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
			reject(request, response, HttpStatus.UNAUTHORIZED, "Missing API key: send the header 'Authorization: Bearer <key>'");
			return;
		}
		var now = Time.now();
		var hash = ApiKeySecret.hash(header.substring(7).trim());
		var key = byHash.get(hash, h -> keys.liveKeyByHash(h, now))
			.filter(k -> k.expiresAt() == null || k.expiresAt().isAfter(now));
		if (key.isEmpty()) {
			reject(request, response, HttpStatus.UNAUTHORIZED, "Invalid, revoked or expired API key");
			return;
		}
		var apiKey = key.get();
		touch(apiKey, now);
		request.setAttribute(CALLER_ATTRIBUTE,
				new Caller(apiKey.orgId(), apiKey.id(), apiKey.userId(), apiKey.role(), "key:" + apiKey.prefix()));
		chain.doFilter(request, response);
	}

	private void touch(ApiKey key, OffsetDateTime now) {
		var previous = lastTouched.get(key.id());
		if (previous == null || previous.plus(TOUCH_INTERVAL).isBefore(now)) {
			lastTouched.put(key.id(), now);
			keys.touch(key.id(), now);
		}
	}

	private void reject(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String message)
			throws IOException {
		rejection.write(request, response, status, message);
	}
}
