package dev.arbiter.tenancy.internal;

import java.util.List;

import tools.jackson.databind.ObjectMapper;

import dev.arbiter.tenancy.Caller;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Wires API-key authentication in front of the API and the gateway, keeps viewer keys to reads, and
 * hands controllers the {@link Caller}.
 */
@Configuration(proxyBeanMethods = false)
class TenancyWebConfiguration implements WebMvcConfigurer {

	private final ObjectMapper json;

	TenancyWebConfiguration(ObjectMapper json) {
		this.json = json;
	}

	static {
		// The caller comes from the API key, not from request parameters: keep it out of the OpenAPI document.
		org.springdoc.core.utils.SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	@Bean
	ApiKeyAuthenticationFilter apiKeyAuthenticationFilter(ApiKeys keys, ObjectMapper json) {
		return new ApiKeyAuthenticationFilter(keys, json);
	}

	@Bean
	FilterRegistrationBean<ApiKeyAuthenticationFilter> apiKeyAuthenticationRegistration(ApiKeyAuthenticationFilter filter) {
		var registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/api/*", "/v1/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ViewerWriteGuard(new Rejection(json))).addPathPatterns("/api/**", "/v1/**");
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new HandlerMethodArgumentResolver() {
			@Override
			public boolean supportsParameter(MethodParameter parameter) {
				return parameter.getParameterType() == Caller.class;
			}

			@Override
			public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
					WebDataBinderFactory binderFactory) {
				var caller = request.getAttribute(ApiKeyAuthenticationFilter.CALLER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
				if (caller == null) {
					throw new IllegalStateException("No caller: the endpoint is outside the authenticated paths");
				}
				return caller;
			}
		});
	}
}
