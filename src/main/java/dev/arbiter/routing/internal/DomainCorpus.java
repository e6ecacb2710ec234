package dev.arbiter.routing.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import dev.arbiter.benchmark.Domain;
import dev.arbiter.benchmark.DomainCatalog;
import dev.arbiter.benchmark.SuiteCatalog;
import dev.arbiter.benchmark.SuiteCatalog.DomainItemCount;
import dev.arbiter.benchmark.SuiteItem;

import org.springframework.stereotype.Component;

/** The texts that define an organization's domains: each one's name and description and its benchmark prompts. */
@Component
class DomainCorpus {

	/** What the texts are read from: equal fingerprints, same domains and (almost surely) same items. */
	record Fingerprint(List<Domain> domains, List<DomainItemCount> items) {
	}

	private final DomainCatalog domains;

	private final SuiteCatalog suites;

	DomainCorpus(DomainCatalog domains, SuiteCatalog suites) {
		this.domains = domains;
		this.suites = suites;
	}

	/** Two cheap queries: the domains, and how many items each holds and when the newest came. */
	Fingerprint fingerprint(UUID orgId) {
		return new Fingerprint(domains.all(orgId), suites.itemCountsByDomain(orgId));
	}

	/** Per domain slug: "name: description", then up to {@code itemsPerDomain} prompts of its suites. */
	Map<String, List<String>> texts(List<Domain> orgDomains, UUID orgId, int itemsPerDomain) {
		var items = itemsPerDomain == 0 ? Map.<UUID, List<SuiteItem>>of() : suites.itemsByDomain(orgId, itemsPerDomain);
		var texts = new LinkedHashMap<String, List<String>>();
		for (var domain : orgDomains) {
			var description = domain.description() == null || domain.description().isBlank() ? domain.name()
					: domain.name() + ": " + domain.description();
			var prompts = items.getOrDefault(domain.id(), List.of()).stream().map(SuiteItem::promptText);
			texts.put(domain.slug(), Stream.concat(Stream.of(description), prompts).toList());
		}
		return texts;
	}
}
