package dev.arbiter.benchmark.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.arbiter.benchmark.StarterSuites;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start-up, gives the starter suites to every organization that has no suite at all, such as
 * one created before suites existed. (New organizations get them when they are created.)
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class StarterSuitesAtStart implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(StarterSuitesAtStart.class);

	private final Suites suites;

	private final StarterSuites starters;

	private final TransactionTemplate transaction;

	StarterSuitesAtStart(Suites suites, StarterSuites starters, TransactionTemplate transaction) {
		this.suites = suites;
		this.starters = starters;
		this.transaction = transaction;
	}

	@Override
	public void run(ApplicationArguments args) {
		for (var orgId : suites.organizationsWithoutSuites()) {
			var result = transaction.execute(status -> starters.loadInto(orgId));
			log.info("Loaded {} starter suites into organization {}", result.loaded().size(), orgId);
		}
	}
}
