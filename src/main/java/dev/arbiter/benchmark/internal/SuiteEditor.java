package dev.arbiter.benchmark.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import dev.arbiter.benchmark.DomainCatalog;
import dev.arbiter.benchmark.Suite;
import dev.arbiter.benchmark.SuiteCatalog;
import dev.arbiter.benchmark.SuiteItem;
import dev.arbiter.shared.Conflict;
import dev.arbiter.shared.InvalidInput;
import dev.arbiter.shared.NotFound;
import dev.arbiter.tenancy.AuditLog;
import dev.arbiter.tenancy.Caller;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every write of suites and items, each audited in its own transaction: the REST endpoints and
 * the starter suites go through here. Public only for {@link dev.arbiter.benchmark.StarterSuites};
 * other modules read through {@link SuiteCatalog}.
 */
@Component
public class SuiteEditor {

	/** The scorer types an evaluation knows (their parameters are checked when a run starts). */
	static final List<String> SCORER_TYPES = List.of("exact", "contains", "regex", "numeric", "choice", "json", "bleu", "rouge",
			"levenshtein", "embedding", "judge", "reference");

	static final List<Map<String, Object>> DEFAULT_SCORING = List.of(Map.of("type", "exact"));

	/** Items are checked for duplicates and inserted this many at a time. */
	static final int BATCH_SIZE = 1000;

	private final SuiteCatalog catalog;

	private final DomainCatalog domains;

	private final Suites suites;

	private final SuiteItems items;

	private final AuditLog audit;

	SuiteEditor(SuiteCatalog catalog, DomainCatalog domains, Suites suites, SuiteItems items, AuditLog audit) {
		this.catalog = catalog;
		this.domains = domains;
		this.suites = suites;
		this.items = items;
		this.audit = audit;
	}

	/** What an import did: items added, items skipped as duplicates, and the suite's size now. */
	public record ImportResult(long imported, long duplicates, long total) {
	}

	private record ImportAudit(String format, long imported, long duplicates, long total) {
	}

	Suite get(Caller caller, UUID id) {
		return catalog.byId(caller.orgId(), id).orElseThrow(() -> new NotFound("Suite", id));
	}

	/** A domain by id, slug or name; unknown ones (another organization's too) are refused. */
	UUID domainId(Caller caller, String domain) {
		var id = uuid(domain);
		var found = id != null ? domains.byId(caller.orgId(), id) : domains.bySlugOrName(caller.orgId(), domain);
		return found.orElseThrow(() -> new InvalidInput("domain", "unknown domain '" + domain + "'; see /api/v1/domains")).id();
	}

	@Transactional
	public Suite create(Caller caller, SuiteDraft draft) {
		check(draft);
		requireFree(caller, draft, null);
		var id = UUID.randomUUID();
		suites.insert(caller.orgId(), id, draft);
		var created = get(caller, id);
		audit.created(caller, "suite", id, created);
		return created;
	}

	@Transactional
	Suite update(Caller caller, UUID id, SuiteDraft draft) {
		var before = get(caller, id);
		check(draft);
		requireFree(caller, draft, id);
		suites.update(caller.orgId(), id, draft);
		var after = get(caller, id);
		audit.updated(caller, "suite", id, before, after);
		return after;
	}

	@Transactional
	void delete(Caller caller, UUID id) {
		var before = get(caller, id);
		suites.delete(caller.orgId(), id);
		audit.deleted(caller, "suite", id, before);
	}

	@Transactional
	SuiteItem addItem(Caller caller, UUID suiteId, JsonNode body) {
		lock(caller, suiteId);
		NewItem item;
		try {
			item = ItemJson.read(body);
		}
		catch (ItemRejected e) {
			throw new InvalidInput(e.field(), e.getMessage());
		}
		var hash = item.sha256();
		if (!items.existingHashes(suiteId, List.of(hash)).isEmpty()) {
			throw new Conflict("prompt", "The suite already holds an item with the same prompt");
		}
		var id = UUID.randomUUID();
		items.insert(caller.orgId(), suiteId, List.of(new SuiteItems.Row(id, items.lastPosition(suiteId) + 1, hash, item)));
		var created = catalog.item(caller.orgId(), suiteId, id).orElseThrow();
		audit.created(caller, "suite_item", id, created);
		return created;
	}

	@Transactional
	void deleteItem(Caller caller, UUID suiteId, UUID itemId) {
		get(caller, suiteId);
		var before = catalog.item(caller.orgId(), suiteId, itemId).orElseThrow(() -> new NotFound("Suite item", itemId));
		items.delete(caller.orgId(), suiteId, itemId);
		audit.deleted(caller, "suite_item", itemId, before);
	}

	/**
	 * Reads {@code body} in {@code format} and adds its items, all or nothing: a bad item anywhere
	 * rolls everything back. Items the suite (or the file, earlier) holds already are skipped and
	 * counted. The body is read as it arrives and written {@value #BATCH_SIZE} items at a time.
	 */
	@Transactional
	public ImportResult importItems(Caller caller, UUID suiteId, ItemFormat format, InputStream body) {
		lock(caller, suiteId);
		var before = get(caller, suiteId);
		var batch = new Batch(caller.orgId(), suiteId, items.lastPosition(suiteId));
		format.read(body, batch::add);
		batch.flush();
		var result = new ImportResult(batch.inserted, batch.read - batch.inserted, before.itemCount() + batch.inserted);
		audit.updated(caller, "suite", suiteId, before,
				new ImportAudit(format.wire(), result.imported(), result.duplicates(), result.total()));
		return result;
	}

	private void lock(Caller caller, UUID suiteId) {
		if (!suites.lock(caller.orgId(), suiteId)) {
			throw new NotFound("Suite", suiteId);
		}
	}

	/** Collects read items and writes them a batch at a time, skipping those whose hash is stored or already seen. */
	private final class Batch {

		private final UUID orgId;

		private final UUID suiteId;

		private final List<NewItem> pending = new ArrayList<>(BATCH_SIZE);

		private int position;

		private long read;

		private long inserted;

		Batch(UUID orgId, UUID suiteId, int lastPosition) {
			this.orgId = orgId;
			this.suiteId = suiteId;
			this.position = lastPosition;
		}

		void add(NewItem item) {
			read++;
			pending.add(item);
			if (pending.size() >= BATCH_SIZE) {
				flush();
			}
		}

		void flush() {
			if (pending.isEmpty()) {
				return;
			}
			var byHash = new LinkedHashMap<String, NewItem>();
			for (var item : pending) {
				byHash.putIfAbsent(item.sha256(), item);
			}
			byHash.keySet().removeAll(items.existingHashes(suiteId, byHash.keySet()));
			var rows = new ArrayList<SuiteItems.Row>(byHash.size());
			byHash.forEach((hash, item) -> rows.add(new SuiteItems.Row(UUID.randomUUID(), ++position, hash, item)));
			items.insert(orgId, suiteId, rows);
			inserted += rows.size();
			pending.clear();
		}
	}

	private void check(SuiteDraft draft) {
		var scoring = draft.scoring();
		if (scoring == null || scoring.isEmpty()) {
			throw new InvalidInput("scoring", "needs at least one scorer, e.g. [{\"type\": \"exact\"}]");
		}
		for (int i = 0; i < scoring.size(); i++) {
			var scorer = scoring.get(i);
			var type = scorer == null ? null : scorer.get("type");
			if (!(type instanceof String name) || !SCORER_TYPES.contains(name)) {
				throw new InvalidInput("scoring[" + i + "].type", "must be one of " + String.join(", ", SCORER_TYPES));
			}
			if (name.equals("judge") && !(scorer.get("model") instanceof String model && !model.isBlank())) {
				throw new InvalidInput("scoring", "scorer " + i + " (judge) needs 'model', the name of a registered model to grade with");
			}
		}
	}

	private void requireFree(Caller caller, SuiteDraft draft, UUID self) {
		catalog.byName(caller.orgId(), draft.name(), draft.version()).filter(other -> !other.id().equals(self)).ifPresent(other -> {
			throw new Conflict("name", "A suite named '" + draft.name() + "' with version '" + draft.version() + "' already exists");
		});
	}

	private static UUID uuid(String value) {
		try {
			return value.length() == 36 ? UUID.fromString(value) : null;
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}
