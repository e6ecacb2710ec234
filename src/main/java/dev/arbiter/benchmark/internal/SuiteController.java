package dev.arbiter.benchmark.internal;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.arbiter.benchmark.StarterSuites;
import dev.arbiter.benchmark.Suite;
import dev.arbiter.benchmark.SuiteCatalog;
import dev.arbiter.benchmark.SuiteKind;
import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;
import dev.arbiter.tenancy.Caller;

import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Benchmark suites: list, read, create, change, delete, and load the starter suites. */
@RestController
class SuiteController {

	static final String VERSION_PATTERN = "[A-Za-z0-9][A-Za-z0-9._+-]*";

	private final SuiteCatalog catalog;

	private final SuiteEditor editor;

	private final StarterSuites starters;

	SuiteController(SuiteCatalog catalog, SuiteEditor editor, StarterSuites starters) {
		this.catalog = catalog;
		this.editor = editor;
		this.starters = starters;
	}

	/** Suites by name and version; {@code domain} (id, slug or name), {@code name} and {@code version} filter. */
	@GetMapping("/api/v1/suites")
	Page<Suite> list(Caller caller, PageRequest page, @RequestParam(required = false) String domain,
			@RequestParam(required = false) String name, @RequestParam(required = false) String version) {
		var domainId = domain == null || domain.isBlank() ? null : editor.domainId(caller, domain);
		return catalog.page(caller.orgId(), domainId, blankToNull(name), blankToNull(version), page);
	}

	@GetMapping("/api/v1/suites/{id}")
	Suite get(Caller caller, @PathVariable UUID id) {
		return editor.get(caller, id);
	}

	@PostMapping("/api/v1/suites")
	@ResponseStatus(HttpStatus.CREATED)
	Suite create(Caller caller, @Valid @RequestBody NewSuite request) {
		return editor.create(caller, new SuiteDraft(request.name(), request.version() == null ? "1" : request.version(),
				editor.domainId(caller, request.domain()), request.description(),
				request.scoring() == null ? SuiteEditor.DEFAULT_SCORING : request.scoring(),
				request.kind() == null ? SuiteKind.CUSTOM : request.kind()));
	}

	@PatchMapping("/api/v1/suites/{id}")
	@Transactional
	Suite update(Caller caller, @PathVariable UUID id, @Valid @RequestBody SuiteChanges request) {
		var before = editor.get(caller, id);
		return editor.update(caller, id, new SuiteDraft(request.name() == null ? before.name() : request.name(),
				request.version() == null ? before.version() : request.version(),
				request.domain() == null ? before.domainId() : editor.domainId(caller, request.domain()),
				request.description() == null ? before.description() : request.description(),
				request.scoring() == null ? before.scoring() : request.scoring(),
				request.kind() == null ? before.kind() : request.kind()));
	}

	/** Deletes the suite with all its items. */
	@DeleteMapping("/api/v1/suites/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(Caller caller, @PathVariable UUID id) {
		editor.delete(caller, id);
	}

	/** Adds the starter suites the organization does not have yet; answers what was loaded and what was skipped. */
	@PostMapping("/api/v1/suites:load-starters")
	StarterSuites.Result loadStarters(Caller caller) {
		return starters.loadInto(caller);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	/**
	 * @param domain  the domain's id, slug or name
	 * @param scoring the scorers, e.g. {@code [{"type": "numeric", "tolerance": 0.01}]}; default exact match
	 */
	record NewSuite(@NotBlank @Size(max = 200) String name,
			@Size(max = 50) @Pattern(regexp = VERSION_PATTERN, message = "must start with a letter or digit and contain no spaces") String version,
			@NotBlank String domain, @Size(max = 4000) String description, List<Map<String, Object>> scoring, SuiteKind kind) {
	}

	record SuiteChanges(@Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
			@Size(max = 50) @Pattern(regexp = VERSION_PATTERN, message = "must start with a letter or digit and contain no spaces") String version,
			String domain, @Size(max = 4000) String description, List<Map<String, Object>> scoring, SuiteKind kind) {
	}
}
