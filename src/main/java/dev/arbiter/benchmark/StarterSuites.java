package dev.arbiter.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.benchmark.internal.ItemFormat;
import dev.arbiter.benchmark.internal.SuiteDraft;
import dev.arbiter.benchmark.internal.SuiteEditor;
import dev.arbiter.tenancy.Caller;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The suites Arbiter ships, one per seeded domain ({@code classpath:starter-suites/}, listed in
 * {@code index.json} with their scoring). A new organization gets them when it is created; loading
 * again adds only the ones it lacks (by name and version), so it is safe to repeat.
 */
@Component
public class StarterSuites {

	static final String FOLDER = "starter-suites/";

	/** One entry of the manifest: the file, the suite it becomes and the slug of its domain. */
	public record Starter(String file, String name, String version, String domain, String description,
			List<Map<String, Object>> scoring) {
	}

	public record Loaded(UUID id, String name, String version, String domain, long items) {
	}

	public record Skipped(String name, String version, String reason) {
	}

	public record Result(List<Loaded> loaded, List<Skipped> skipped) {
	}

	private final SuiteCatalog catalog;

	private final DomainCatalog domains;

	private final SuiteEditor editor;

	private final List<Starter> manifest;

	StarterSuites(SuiteCatalog catalog, DomainCatalog domains, SuiteEditor editor, ObjectMapper json) {
		this.catalog = catalog;
		this.domains = domains;
		this.editor = editor;
		try (var in = new ClassPathResource(FOLDER + "index.json").getInputStream()) {
			this.manifest = List.copyOf(json.readValue(in, new TypeReference<List<Starter>>() {
			}));
		}
		catch (IOException e) {
			throw new UncheckedIOException("The starter suites' manifest is missing from the jar", e);
		}
	}

	public List<Starter> manifest() {
		return manifest;
	}

	/** Loads the missing starter suites into the organization, as the server itself. */
	@Transactional
	public Result loadInto(UUID orgId) {
		return loadInto(Caller.system(orgId));
	}

	/** Loads the missing starter suites into the caller's organization; the audit log names the caller. */
	@Transactional
	public Result loadInto(Caller caller) {
		var loaded = new ArrayList<Loaded>();
		var skipped = new ArrayList<Skipped>();
		for (var starter : manifest) {
			if (catalog.byName(caller.orgId(), starter.name(), starter.version()).isPresent()) {
				skipped.add(new Skipped(starter.name(), starter.version(), "the organization has this suite already"));
				continue;
			}
			var domain = domains.bySlugOrName(caller.orgId(), starter.domain());
			if (domain.isEmpty()) {
				skipped.add(new Skipped(starter.name(), starter.version(), "the organization has no domain '" + starter.domain() + "'"));
				continue;
			}
			var suite = editor.create(caller, new SuiteDraft(starter.name(), starter.version(), domain.get().id(),
					starter.description(), starter.scoring(), SuiteKind.STANDARD));
			try (var items = new ClassPathResource(FOLDER + starter.file()).getInputStream()) {
				var result = editor.importItems(caller, suite.id(), ItemFormat.JSONL, items);
				loaded.add(new Loaded(suite.id(), suite.name(), suite.version(), starter.domain(), result.total()));
			}
			catch (IOException e) {
				throw new UncheckedIOException("The starter suite " + starter.file() + " is missing from the jar", e);
			}
		}
		return new Result(loaded, skipped);
	}
}
