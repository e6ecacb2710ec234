package dev.arbiter.tenancy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The spending limit of an API key, if it has one, read through a cache of a few seconds. */
@Component
public class KeyBudgets {

	private final JdbcClient jdbc;

	private final LoadingCache<UUID, Optional<Budget>> cache;

	KeyBudgets(JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofSeconds(5)).build(this::load);
	}

	/** At most {@code usd} per {@code period} ({@code day} or {@code month}, UTC). */
	public record Budget(BigDecimal usd, String period) {
	}

	public Optional<Budget> budgetOf(UUID keyId) {
		return keyId == null ? Optional.empty() : cache.get(keyId);
	}

	private Optional<Budget> load(UUID keyId) {
		return jdbc.sql("select budget_usd, budget_period from api_keys where id = :id and budget_usd is not null")
			.param("id", keyId)
			.query((rs, row) -> new Budget(rs.getBigDecimal("budget_usd"), rs.getString("budget_period")))
			.optional();
	}
}
