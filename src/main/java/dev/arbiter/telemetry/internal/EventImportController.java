package dev.arbiter.telemetry.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;

import dev.arbiter.shared.InvalidInput;
import dev.arbiter.tenancy.Caller;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/events:import?format=bedrock}: a log of model calls from another system,
 * one record per line, streamed (no size limit; committed in chunks as it is read). Answers the
 * counts of accepted, duplicate and rejected records and the line number and reasons of each
 * rejected one. A broken connection leaves the chunks read so far stored; sending the log again
 * completes it without counting anything twice.
 */
@RestController
class EventImportController {

	private final LogImport logImport;

	private final ObjectMapper json;

	EventImportController(LogImport logImport, ObjectMapper json) {
		this.logImport = logImport;
		this.json = json;
	}

	@PostMapping("/api/v1/events:import")
	LogImport.Result importLog(Caller caller, @RequestParam String format, HttpServletRequest request) throws IOException {
		if (!format.equals("bedrock")) {
			throw new InvalidInput("format", "'" + format + "' is not a known log format; the known one is bedrock");
		}
		var result = logImport.run(caller.orgId(), caller.keyId(), request.getInputStream(), line -> BedrockLogs.event(line, json));
		if (result.accepted() + result.duplicates() + result.rejected() == 0) {
			throw new InvalidInput("body", "has no records; send Bedrock invocation log records, one JSON object per line");
		}
		return result;
	}
}
