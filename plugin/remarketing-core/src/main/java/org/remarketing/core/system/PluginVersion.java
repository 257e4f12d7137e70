package org.remarketing.core.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The plugin's version, written into {@code remarketing/plugin.properties} by the build.
 */
public final class PluginVersion {

	private static final String RESOURCE = "/remarketing/plugin.properties";

	private static final String VERSION = load();

	private PluginVersion() {
	}

	public static String current() {
		return VERSION;
	}

	private static String load() {
		try (InputStream in = PluginVersion.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("The remarketing-core jar is missing " + RESOURCE);
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
