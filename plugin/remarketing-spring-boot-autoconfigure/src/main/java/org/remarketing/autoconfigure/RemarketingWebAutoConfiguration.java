package org.remarketing.autoconfigure;

import org.remarketing.core.contacts.ContactDetails;
import org.remarketing.core.contacts.ContactEraser;
import org.remarketing.core.contacts.ContactSearch;
import org.remarketing.core.contacts.GdprExport;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.system.StatusContributor;
import org.remarketing.web.admin.AdminResources;
import org.remarketing.web.admin.AdminScreenController;
import org.remarketing.web.admin.StatusController;
import org.remarketing.web.contacts.ContactsController;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigureAfter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The plugin's admin REST API and admin screens, in servlet web applications.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(prefix = "remarketing", name = "enabled", matchIfMissing = true)
@ConditionalOnBean(RemarketingSchema.class)
@AutoConfigureAfter(RemarketingAutoConfiguration.class)
@EnableConfigurationProperties(RemarketingProperties.class)
public class RemarketingWebAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StatusController remarketingStatusController(ObjectProvider<StatusContributor> contributors) {
		return new StatusController(contributors);
	}

	@Bean
	@ConditionalOnMissingBean
	AdminScreenController remarketingAdminScreenController(RemarketingProperties properties) {
		return new AdminScreenController(properties.getAdmin().getBackofficeUrl());
	}

	@Bean
	@ConditionalOnMissingBean
	AdminResources remarketingAdminResources() {
		return new AdminResources();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean({ ContactSearch.class, ContactDetails.class, GdprExport.class, ContactEraser.class })
	ContactsController remarketingContactsController(ContactSearch search, ContactDetails details, GdprExport export,
			ContactEraser eraser) {
		return new ContactsController(search, details, export, eraser);
	}

}
