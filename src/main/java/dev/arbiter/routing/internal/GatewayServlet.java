package dev.arbiter.routing.internal;

import java.io.IOException;

import io.micrometer.observation.ObservationPredicate;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.arbiter.tenancy.Caller;
import dev.arbiter.tenancy.Role;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * {@code POST /v1/chat/completions} as a servlet of its own: a proxy's hot path gains nothing from
 * Spring MVC's handler mapping, argument resolution and message conversion, and pays for them on
 * every request. The API-key filter still runs in front of it; the generic HTTP server observation
 * is skipped for it, because every gateway request already leaves a decision and a metric event.
 */
class GatewayServlet extends HttpServlet {

	static final String PATH = "/v1/chat/completions";

	private static final Logger log = LoggerFactory.getLogger(GatewayServlet.class);

	private final transient GatewayController gateway;

	GatewayServlet(GatewayController gateway) {
		this.gateway = gateway;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!"POST".equals(request.getMethod())) {
			response.setHeader("Allow", "POST");
			gateway.error(response, 405, request.getMethod() + " is not supported here: send POST " + PATH, "invalid_request_error",
					"method_not_allowed");
			return;
		}
		var caller = Caller.of(request).orElse(null);
		if (caller == null) {
			gateway.error(response, 401, "Missing API key: send the header 'Authorization: Bearer <key>'", "invalid_request_error",
					"invalid_api_key");
			return;
		}
		if (caller.role() == Role.VIEWER) {
			gateway.error(response, 403, "This API key has the viewer role and can only read", "invalid_request_error", "permission_denied");
			return;
		}
		try {
			gateway.chat(caller, request, response);
		}
		catch (RuntimeException e) {
			log.error("The gateway failed on a request", e);
			if (!response.isCommitted()) {
				response.reset();
				gateway.error(response, 500, "Internal error in the gateway: " + e, "server_error", null);
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		@Bean
		ServletRegistrationBean<GatewayServlet> gatewayServlet(GatewayController gateway) {
			var registration = new ServletRegistrationBean<>(new GatewayServlet(gateway), PATH);
			registration.setName("gateway");
			registration.setLoadOnStartup(1);
			return registration;
		}

		@Bean
		ObservationPredicate gatewayIsNotObserved() {
			return (name, context) -> !(context instanceof ServerRequestObservationContext server
					&& PATH.equals(server.getCarrier().getRequestURI()));
		}
	}
}
