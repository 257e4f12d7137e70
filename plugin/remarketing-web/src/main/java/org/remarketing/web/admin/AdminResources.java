package org.remarketing.web.admin;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Serves the admin screens' static files from the plugin's jar, whatever the host's own
 * static locations are (they are not under {@code static/} or {@code META-INF/resources/}),
 * with the same strict Content-Security-Policy as the screen itself.
 */
public class AdminResources implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// Not versioned by name: let browsers revalidate (Last-Modified) so an upgrade shows at once.
		registry.addResourceHandler(AdminScreenController.ROOT + "/**")
			.addResourceLocations("classpath:/" + AdminScreenController.LOCATION)
			.setCacheControl(CacheControl.noCache());
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AssetHeaders()).addPathPatterns(AdminScreenController.ROOT + "/**");
	}

	/** The screen's files: never sniffed into another type, never framed or scripted from elsewhere. */
	static final class AssetHeaders implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			if (handler instanceof ResourceHttpRequestHandler) {
				response.setHeader("Content-Security-Policy", AdminScreenController.CONTENT_SECURITY_POLICY);
				response.setHeader("X-Content-Type-Options", "nosniff");
				response.setHeader("Referrer-Policy", "same-origin");
			}
			return true;
		}

	}

}
