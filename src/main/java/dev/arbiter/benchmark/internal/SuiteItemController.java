package dev.arbiter.benchmark.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;

import dev.arbiter.benchmark.SuiteCatalog;
import dev.arbiter.benchmark.SuiteItem;
import dev.arbiter.shared.InvalidInput;
import dev.arbiter.shared.NotFound;
import dev.arbiter.shared.Page;
import dev.arbiter.shared.PageRequest;
import dev.arbiter.tenancy.Caller;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/** The items of a suite: list, add, delete one; import a whole file (streamed) and export in Arbiter's formats. */
@RestController
class SuiteItemController {

	private final SuiteCatalog catalog;

	private final SuiteEditor editor;

	private final ItemExport export;

	SuiteItemController(SuiteCatalog catalog, SuiteEditor editor, ItemExport export) {
		this.catalog = catalog;
		this.editor = editor;
		this.export = export;
	}

	@GetMapping("/api/v1/suites/{id}/items")
	Page<SuiteItem> list(Caller caller, @PathVariable UUID id, PageRequest page) {
		editor.get(caller, id);
		return catalog.itemPage(caller.orgId(), id, page);
	}

	@GetMapping("/api/v1/suites/{id}/items/{itemId}")
	SuiteItem get(Caller caller, @PathVariable UUID id, @PathVariable UUID itemId) {
		editor.get(caller, id);
		return catalog.item(caller.orgId(), id, itemId).orElseThrow(() -> new NotFound("Suite item", itemId));
	}

	/** Adds one item, in the form of a JSONL line: {@code {"prompt": "...", "expected": "..."}}. */
	@PostMapping("/api/v1/suites/{id}/items")
	@ResponseStatus(HttpStatus.CREATED)
	SuiteItem add(Caller caller, @PathVariable UUID id, @RequestBody JsonNode item) {
		return editor.addItem(caller, id, item);
	}

	@DeleteMapping("/api/v1/suites/{id}/items/{itemId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(Caller caller, @PathVariable UUID id, @PathVariable UUID itemId) {
		editor.deleteItem(caller, id, itemId);
	}

	/**
	 * Imports the request body, a file in {@code format}, all or nothing. The body is read as it
	 * arrives. {@code format} is read from the query string itself: asking the servlet for a
	 * parameter would swallow a body sent as a form (as {@code curl --data-binary} does by default).
	 */
	@PostMapping("/api/v1/suites/{id}/items:import")
	@Parameter(name = "format", in = ParameterIn.QUERY, required = true,
			description = "jsonl, csv, json, gsm8k, mmlu or openai-evals")
	SuiteEditor.ImportResult importItems(Caller caller, @PathVariable UUID id, HttpServletRequest request) throws IOException {
		var format = ItemFormat.fromWire(queryParameter(request, "format"));
		return editor.importItems(caller, id, format, request.getInputStream());
	}

	/** Streams the suite's items in Arbiter's {@code jsonl} or {@code csv}, which import back as they were. */
	@GetMapping("/api/v1/suites/{id}/items:export")
	void exportItems(Caller caller, @PathVariable UUID id, @RequestParam String format, HttpServletResponse response)
			throws IOException {
		var chosen = ItemFormat.fromWire(format);
		if (!chosen.exportable()) {
			throw new InvalidInput("format", "exports are jsonl or csv");
		}
		var suite = editor.get(caller, id);
		response.setContentType(chosen.mediaType() + ";charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
			.filename(suite.name().replaceAll("[^A-Za-z0-9._-]+", "_") + "-" + suite.version() + "." + chosen.wire())
			.build()
			.toString());
		export.write(caller.orgId(), id, chosen, response.getOutputStream());
	}

	private static String queryParameter(HttpServletRequest request, String name) {
		var query = request.getQueryString();
		if (query == null) {
			return null;
		}
		var value = UriComponentsBuilder.newInstance().query(query).build().getQueryParams().getFirst(name);
		return value == null ? null : UriUtils.decode(value, StandardCharsets.UTF_8);
	}
}
