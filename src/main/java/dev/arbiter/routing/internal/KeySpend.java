package dev.arbiter.routing.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.arbiter.shared.Time;
import dev.arbiter.tenancy.KeyBudgets;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of API key spend: per key and period, what was spent and what is reserved for calls in
 * flight. A reservation is one conditional UPDATE, so concurrent requests cannot together reserve
 * more than the budget.
 */
@Repository
class KeySpend {

	private final JdbcClient jdbc;

	KeySpend(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One key's budget in its current period. */
	record Period(UUID keyId, LocalDate start, KeyBudgets.Budget budget) {

		LocalDate next() {
			return "month".equals(budget.period()) ? start.plusMonths(1) : start.plusDays(1);
		}
	}

	Period current(UUID keyId, KeyBudgets.Budget budget) {
		var today = Time.now().atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
		var start = "month".equals(budget.period()) ? today.withDayOfMonth(1) : today;
		var period = new Period(keyId, start, budget);
		try {
			jdbc.sql("""
					insert into key_spend (api_key_id, period_start, spent_usd, reserved_usd)
					select :key, :start, 0, 0 where not exists (select 1 from key_spend where api_key_id = :key and period_start = :start)
					""").param("key", keyId).param("start", start).update();
		}
		catch (DuplicateKeyException e) {
			// another request created it first
		}
		return period;
	}

	/** The budget left: not spent and not reserved. */
	BigDecimal remaining(Period period) {
		var used = jdbc.sql("select spent_usd + reserved_usd from key_spend where api_key_id = :key and period_start = :start")
			.param("key", period.keyId()).param("start", period.start()).query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);
		return period.budget().usd().subtract(used);
	}

	/** Reserves {@code estimate} if it still fits in the budget; false when it does not. */
	boolean reserve(Period period, BigDecimal estimate) {
		return jdbc.sql("""
				update key_spend set reserved_usd = reserved_usd + :estimate
				where api_key_id = :key and period_start = :start and spent_usd + reserved_usd + :estimate <= :budget
				""")
			.param("estimate", estimate).param("key", period.keyId()).param("start", period.start())
			.param("budget", period.budget().usd()).update() == 1;
	}

	/** Gives back a reservation and books what the call actually cost. */
	void settle(Period period, BigDecimal reserved, BigDecimal spent) {
		jdbc.sql("""
				update key_spend set reserved_usd = case when reserved_usd > :reserved then reserved_usd - :reserved else 0 end,
				    spent_usd = spent_usd + :spent
				where api_key_id = :key and period_start = :start
				""")
			.param("reserved", reserved).param("spent", spent).param("key", period.keyId()).param("start", period.start()).update();
	}
}
