package dev.arbiter.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where exceptions become HTTP answers: RFC 9457 problem details with a readable
 * {@code detail} and, for bad input, the offending fields in {@code errors}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(ArbiterException.class)
	ProblemDetail arbiterException(ArbiterException e) {
		var problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
		problem.setTitle(e.title());
		String field = e instanceof InvalidInput invalid ? invalid.field() : e instanceof Conflict conflict ? conflict.field() : null;
		if (field != null) {
			problem.setProperty("errors", List.of(fieldError(field, e.getMessage())));
		}
		return problem;
	}

	/** Anything unexpected: logged with its stack trace, answered without internals. */
	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception e) throws Exception {
		if (e instanceof org.springframework.web.ErrorResponse || e instanceof org.springframework.web.HttpRequestMethodNotSupportedException) {
			throw e;
		}
		for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ArbiterException arbiter) {
				return arbiterException(arbiter);
			}
		}
		log.error("Unexpected error", e);
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on the server; the log has the details");
		problem.setTitle("Internal Server Error");
		return problem;
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
		var expected = e.getRequiredType() == null ? "another type" : describe(e.getRequiredType());
		var detail = "Parameter '" + e.getName() + "' must be " + expected + ", got '" + e.getValue() + "'";
		return badRequest(detail, List.of(fieldError(e.getName(), detail)));
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail integrityViolation(DataIntegrityViolationException e) {
		log.debug("Integrity violation", e);
		if (e instanceof DuplicateKeyException) {
			var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "A row with the same unique key already exists");
			problem.setTitle("Conflict");
			return problem;
		}
		var message = String.valueOf(e.getMostSpecificCause().getMessage()).toLowerCase();
		var constraint = message.contains("ck_") ? message.replaceAll("(?s).*?(ck_[a-z0-9_]+).*", "$1") : null;
		var detail = constraint != null ? "The value breaks the rule " + constraint : "The request breaks a rule of the stored data";
		return badRequest(detail, List.of());
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		for (FieldError error : e.getBindingResult().getFieldErrors()) {
			errors.add(fieldError(error.getField(), error.getDefaultMessage()));
		}
		e.getBindingResult().getGlobalErrors().forEach(error -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
		var detail = errors.stream().map(err -> err.get("field") + ": " + err.get("message")).collect(Collectors.joining("; "));
		return ResponseEntity.badRequest().body(badRequest("Invalid request: " + detail, errors));
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		e.getParameterValidationResults().forEach(result -> result.getResolvableErrors()
			.forEach(error -> errors.add(fieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
		var detail = errors.stream().map(err -> err.get("field") + ": " + err.get("message")).collect(Collectors.joining("; "));
		return ResponseEntity.badRequest().body(badRequest("Invalid request: " + detail, errors));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		for (Throwable cause = e; cause != null; cause = cause.getCause()) {
			if (cause instanceof ArbiterException arbiter) {
				var problem = arbiterException(arbiter);
				return ResponseEntity.status(problem.getStatus()).body(problem);
			}
		}
		return ResponseEntity.badRequest().body(unreadable(e.getCause()));
	}

	private ProblemDetail unreadable(Throwable cause) {
		if (cause instanceof UnrecognizedPropertyException unknown) {
			var field = path(unknown);
			return badRequest("Unknown field '" + field + "'", List.of(fieldError(field, "is not a known field")));
		}
		if (cause instanceof InvalidFormatException invalid) {
			var field = path(invalid);
			var target = invalid.getTargetType();
			String message;
			if (target != null && target.isEnum()) {
				var allowed = java.util.Arrays.stream(target.getEnumConstants()).map(c -> c.toString().toLowerCase()).toList();
				message = "'" + invalid.getValue() + "' is not one of " + allowed;
			}
			else {
				message = "'" + invalid.getValue() + "' is not " + describe(target);
			}
			return badRequest(field + ": " + message, List.of(fieldError(field, message)));
		}
		if (cause instanceof MismatchedInputException mismatched && mismatched.getPath().isEmpty()) {
			return badRequest("The request body must be a JSON object", List.of());
		}
		if (cause instanceof MismatchedInputException mismatched) {
			var field = path(mismatched);
			var message = "has the wrong type, expected " + describe(mismatched.getTargetType());
			return badRequest(field + ": " + message, List.of(fieldError(field, message)));
		}
		if (cause instanceof StreamReadException malformed) {
			var location = malformed.getLocation();
			var where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
			return badRequest("Malformed JSON" + where + ": " + malformed.getOriginalMessage(), List.of());
		}
		if (cause instanceof JacksonException jackson) {
			var field = path(jackson);
			return badRequest((field.isEmpty() ? "" : field + ": ") + jackson.getOriginalMessage(),
					field.isEmpty() ? List.of() : List.of(fieldError(field, jackson.getOriginalMessage())));
		}
		return badRequest("The request body is missing or is not valid JSON", List.of());
	}

	private static String path(JacksonException e) {
		var path = new StringBuilder();
		for (var reference : e.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String describe(Class<?> type) {
		if (type == null) {
			return "another type";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == java.util.UUID.class) {
			return "a UUID";
		}
		if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
			return "an ISO-8601 timestamp";
		}
		if (type == String.class) {
			return "a string";
		}
		if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		if (type.isEnum()) {
			return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.toString().toLowerCase()).toList();
		}
		return "an object";
	}

	private static ProblemDetail badRequest(String detail, List<Map<String, String>> errors) {
		var problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Bad Request");
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

	private static Map<String, String> fieldError(String field, String message) {
		return Map.of("field", field == null ? "" : field, "message", message == null ? "is invalid" : message);
	}
}
