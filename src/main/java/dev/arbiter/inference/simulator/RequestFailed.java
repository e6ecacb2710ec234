package dev.arbiter.inference.simulator;

/**
 * A request the simulator answers with an OpenAI error body; thrown anywhere in a handler and turned
 * into the response at one edge ({@link OpenAiWire#error}).
 */
final class RequestFailed extends RuntimeException {

	private final int status;

	private final String type;

	private final String code;

	private final String param;

	private RequestFailed(int status, String type, String code, String param, String message) {
		super(message, null, false, false);
		this.status = status;
		this.type = type;
		this.code = code;
		this.param = param;
	}

	static RequestFailed invalidRequest(String message, String param) {
		return new RequestFailed(400, "invalid_request_error", null, param, message);
	}

	static RequestFailed malformedJson(String detail) {
		return new RequestFailed(400, "invalid_request_error", "invalid_json", null,
				"We could not parse the JSON body of your request: " + detail);
	}

	static RequestFailed modelNotFound(String model) {
		return new RequestFailed(404, "invalid_request_error", "model_not_found", "model",
				"The model '" + model + "' does not exist or you do not have access to it.");
	}

	static RequestFailed notFound(String method, String path) {
		return new RequestFailed(404, "invalid_request_error", "unknown_url", null,
				"Unknown request URL: " + method + " " + path + ".");
	}

	static RequestFailed methodNotAllowed(String method, String path) {
		return new RequestFailed(405, "invalid_request_error", "method_not_allowed", null,
				"Method " + method + " is not allowed for " + path + ".");
	}

	static RequestFailed serverError() {
		return new RequestFailed(500, "server_error", "simulated_error", null,
				"The simulated model failed to answer (arbiter-sim errorRate or X-Sim-Force: error).");
	}

	static RequestFailed rateLimited() {
		return new RequestFailed(429, "rate_limit_error", "rate_limit_exceeded", null,
				"Rate limit reached for the simulated model (arbiter-sim rateLimitRate or X-Sim-Force: ratelimit). Retry after 1 second.");
	}

	static RequestFailed internal(Throwable cause) {
		return new RequestFailed(500, "server_error", "simulator_bug", null,
				"The simulator itself failed: " + cause);
	}

	int status() {
		return status;
	}

	String type() {
		return type;
	}

	String code() {
		return code;
	}

	String param() {
		return param;
	}

}
