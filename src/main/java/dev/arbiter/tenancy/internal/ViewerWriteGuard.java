package dev.arbiter.tenancy.internal;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.arbiter.tenancy.Caller;
import dev.arbiter.tenancy.ReadOnly;
import dev.arbiter.tenancy.Role;

import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Viewer keys may only read: any method but GET, HEAD and OPTIONS answers 403, unless the endpoint
 * is marked {@link ReadOnly}. It runs once the handler is known and before the body is read.
 */
class ViewerWriteGuard implements HandlerInterceptor {

	private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

	private final Rejection rejection;

	ViewerWriteGuard(Rejection rejection) {
		this.rejection = rejection;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
		if (!(request.getAttribute(ApiKeyAuthenticationFilter.CALLER_ATTRIBUTE) instanceof Caller caller)
				|| caller.role() != Role.VIEWER || READ_METHODS.contains(request.getMethod())
				|| handler instanceof HandlerMethod method && method.hasMethodAnnotation(ReadOnly.class)) {
			return true;
		}
		rejection.write(request, response, HttpStatus.FORBIDDEN, "This API key has the viewer role and can only read");
		return false;
	}
}
