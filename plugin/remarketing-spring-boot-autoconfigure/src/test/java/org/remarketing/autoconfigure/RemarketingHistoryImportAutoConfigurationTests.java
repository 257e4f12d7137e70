package org.remarketing.autoconfigure;

import org.junit.jupiter.api.Test;
import org.remarketing.web.admin.HistoryImportController;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history import reads Shopizer's tables through its entity model: a store without Shopizer's
 * model, Hibernate and an EntityManagerFactory starts as before, with no import and no import
 * endpoint. (The import itself is proven end to end on the sample store, which has all three.)
 */
class RemarketingHistoryImportAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RemarketingAutoConfiguration.class,
				RemarketingCaptureAutoConfiguration.class, RemarketingHistoryImportAutoConfiguration.class,
				RemarketingWebAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl());

	@Test
	void aStoreWithoutShopizersModelStartsWithoutTheImport() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean("remarketingHistoryImport")
			.doesNotHaveBean("remarketingHistoryImportStarter")
			.doesNotHaveBean("remarketingHistoryImportStatus")
			.doesNotHaveBean(HistoryImportController.class));
	}

	@Test
	void aPageSizeOutOfRangeIsRefusedAtStart() {
		this.runner.withPropertyValues("remarketing.import.page-size=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("remarketing.import.page-size must be from 1 to 5000"));
	}

}
