package org.remarketing.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Boot 2.5 and 2.6 read only spring.factories; 2.7 reads AutoConfiguration.imports.
 */
class AutoConfigurationRegistrationTests {

	private static final List<String> AUTO_CONFIGURATIONS = List.of(RemarketingAutoConfiguration.class.getName(),
			RemarketingWebAutoConfiguration.class.getName(),
			RemarketingHealthContributorAutoConfiguration.class.getName(),
			RemarketingCaptureAutoConfiguration.class.getName(),
			RemarketingHistoryImportAutoConfiguration.class.getName());

	@Test
	void springFactoriesListsEveryAutoConfiguration() throws IOException {
		String value = PropertiesLoaderUtils.loadProperties(new ClassPathResource("META-INF/spring.factories"))
			.getProperty("org.springframework.boot.autoconfigure.EnableAutoConfiguration");
		assertThat(value.split(",")).containsExactlyInAnyOrderElementsOf(AUTO_CONFIGURATIONS);
	}

	@Test
	void autoConfigurationImportsListsEveryAutoConfiguration() throws IOException {
		assertThat(read("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports").lines())
			.containsExactlyInAnyOrderElementsOf(AUTO_CONFIGURATIONS);
	}

	@Test
	void configurationMetadataDescribesTheProperties() throws IOException {
		assertThat(read("META-INF/spring-configuration-metadata.json")).contains("\"remarketing.enabled\"")
			.contains("\"remarketing.transport\"")
			.contains("\"remarketing.schema.migrate\"")
			.contains("\"remarketing.mail.from\"")
			.contains("\"remarketing.admin.backoffice-url\"")
			.contains("\"remarketing.capture.store-events\"")
			.contains("\"remarketing.import.enabled\"")
			.contains("\"remarketing.import.page-size\"")
			.contains("\"defaultValue\": \"\\/admin\"")
			.contains("\"defaultValue\": \"in-process\"");
	}

	private static String read(String path) throws IOException {
		try (InputStream in = new ClassPathResource(path, RemarketingAutoConfiguration.class.getClassLoader())
			.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
