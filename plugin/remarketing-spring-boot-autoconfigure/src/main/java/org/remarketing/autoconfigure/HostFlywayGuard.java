package org.remarketing.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Locale;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Keeps Spring Boot's own Flyway off in a host that never used Flyway.
 *
 * <p>The plugin brings {@code flyway-core} for its own tables. On the classpath of a host that
 * had no Flyway (Shopizer builds its schema with Hibernate), that library alone would switch
 * Boot's {@code FlywayAutoConfiguration} on: it would write a {@code flyway_schema_history}
 * into the store's schema, and on an existing database refuse to start ("non-empty schema
 * without schema history table"). So when the host shows no sign of using Flyway — no
 * {@code spring.flyway.*} property anywhere and no {@code db/migration} resources — this adds
 * {@code spring.flyway.enabled=false} as the lowest-precedence default. Any setting of the
 * host's wins; {@code spring.flyway.enabled=true} turns Boot's Flyway back on.
 */
public class HostFlywayGuard implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "remarketingHostFlywayGuard";

	private static final String FLYWAY_CORE = "org.flywaydb.core.Flyway";

	private static final String DEFAULT_LOCATION = "classpath*:db/migration/**";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = application.getClassLoader();
		if (!isPresent(classLoader) || hostConfiguresFlyway(environment) || hasDefaultMigrations(classLoader)) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE,
				Collections.singletonMap("spring.flyway.enabled", "false")));
	}

	@Override
	public int getOrder() {
		// after the config-data processor, so the host's application.properties are visible
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static boolean isPresent(ClassLoader classLoader) {
		try {
			Class.forName(FLYWAY_CORE, false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	static boolean hostConfiguresFlyway(ConfigurableEnvironment environment) {
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource) {
				for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
					// SPRING_FLYWAY_URL in the environment counts as much as spring.flyway.url
					if (name.toLowerCase(Locale.ROOT).replace('_', '.').startsWith("spring.flyway.")) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static boolean hasDefaultMigrations(ClassLoader classLoader) {
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver(classLoader).getResources(DEFAULT_LOCATION)) {
				if (resource.isReadable()) {
					return true;
				}
			}
			return false;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not look for the host's Flyway migrations in db/migration", ex);
		}
	}
}
