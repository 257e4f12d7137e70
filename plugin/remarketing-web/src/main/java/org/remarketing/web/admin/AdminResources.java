package org.remarketing.web.admin;

import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the admin screens' static files from the plugin's jar, whatever the host's own
 * static locations are (they are not under {@code static/} or {@code META-INF/resources/}).
 */
public class AdminResources implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		// Not versioned by name: let browsers revalidate (Last-Modified) so an upgrade shows at once.
		registry.addResourceHandler(AdminScreenController.ROOT + "/**")
			.addResourceLocations("classpath:/" + AdminScreenController.LOCATION)
			.setCacheControl(CacheControl.noCache());
	}

}
