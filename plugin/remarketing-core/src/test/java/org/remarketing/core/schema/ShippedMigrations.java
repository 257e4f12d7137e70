package org.remarketing.core.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The migration versions the plugin ships (read from its H2 folder; every vendor has the same
 * ones), so these tests need no edit when a feature adds a migration.
 */
final class ShippedMigrations {

	private ShippedMigrations() {
	}

	/** In order, e.g. ["1", "2", "3"]. */
	static List<String> versions() {
		try {
			Resource[] scripts = new PathMatchingResourcePatternResolver(ShippedMigrations.class.getClassLoader())
				.getResources("classpath*:remarketing/db/migration/h2/V*__*.sql");
			return Arrays.stream(scripts)
				.map(Resource::getFilename)
				.filter(Objects::nonNull)
				.map((name) -> name.substring(1, name.indexOf("__")))
				.distinct()
				.sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
				.collect(Collectors.toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String latest() {
		List<String> versions = versions();
		return versions.get(versions.size() - 1);
	}

	static String[] withBaseline() {
		List<String> versions = versions();
		versions.add(0, "0");
		return versions.toArray(new String[0]);
	}

}
