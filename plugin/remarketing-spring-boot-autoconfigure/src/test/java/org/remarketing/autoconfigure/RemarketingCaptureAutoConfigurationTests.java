package org.remarketing.autoconfigure;

import org.junit.jupiter.api.Test;
import org.remarketing.core.shop.ProductCatalog;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Capture of the store's writes needs Shopizer's entity model, Hibernate and an
 * EntityManagerFactory: a store without them starts as before, with no capture bean. (Capture
 * itself is proven end to end on the sample store, which has all three.)
 */
class RemarketingCaptureAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RemarketingAutoConfiguration.class,
				RemarketingCaptureAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + TestDatabases.newUrl());

	@Test
	void aStoreWithoutShopizersModelStartsWithoutCapture() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean("remarketingShopizerCapture")
			.doesNotHaveBean("remarketingCaptureStatus")
			.doesNotHaveBean("remarketingCaptureStarter")
			.doesNotHaveBean(ProductCatalog.class));
	}

}
