package org.remarketing.core.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import freemarker.cache.URLTemplateLoader;

/**
 * Loads templates from {@code classpath:remarketing/templates/}, preferring a copy that is not
 * the plugin's own: that is how a host overrides one of the plugin's templates, whatever the
 * class loader's order. The plugin's folder is recognised by the marker file it ships.
 */
final class OverridableTemplateLoader extends URLTemplateLoader {

	static final String ROOT = "remarketing/templates/";

	static final String MARKER = ROOT + ".plugin-templates";

	private final ClassLoader classLoader;

	private final List<String> pluginRoots;

	OverridableTemplateLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
		this.pluginRoots = pluginRoots(classLoader);
	}

	@Override
	protected URL getURL(String name) {
		URL pluginCopy = null;
		for (URL url : resources(this.classLoader, ROOT + name)) {
			if (!isPlugins(url)) {
				return url;
			}
			if (pluginCopy == null) {
				pluginCopy = url;
			}
		}
		return pluginCopy;
	}

	private boolean isPlugins(URL url) {
		String location = url.toExternalForm();
		return this.pluginRoots.stream().anyMatch(location::startsWith);
	}

	private static List<String> pluginRoots(ClassLoader classLoader) {
		List<String> roots = new ArrayList<>();
		for (URL marker : resources(classLoader, MARKER)) {
			String location = marker.toExternalForm();
			roots.add(location.substring(0, location.length() - ".plugin-templates".length()));
		}
		if (roots.isEmpty()) {
			throw new IllegalStateException("The remarketing-core jar is missing " + MARKER
					+ ": the plugin's templates cannot be told from the store's. Rebuild or reinstall the plugin.");
		}
		return roots;
	}

	private static List<URL> resources(ClassLoader classLoader, String path) {
		try {
			return Collections.list(classLoader.getResources(path));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
