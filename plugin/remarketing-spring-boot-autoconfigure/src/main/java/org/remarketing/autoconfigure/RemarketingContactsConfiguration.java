package org.remarketing.autoconfigure;

import java.time.Clock;
import java.util.stream.Collectors;

import org.remarketing.core.contacts.ContactDetails;
import org.remarketing.core.contacts.ContactEraser;
import org.remarketing.core.contacts.ContactErasureParticipant;
import org.remarketing.core.contacts.ContactEventProcessor;
import org.remarketing.core.contacts.ContactSearch;
import org.remarketing.core.contacts.GdprExport;
import org.remarketing.core.schema.RemarketingSchema;
import org.remarketing.core.system.InstallSecrets;
import org.remarketing.core.tracking.EventProcessor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Contacts: the {@link EventProcessor} that turns events into contacts, and the queries behind
 * the admin API. Imported by {@link RemarketingAutoConfiguration} <em>before</em> anything that
 * declares a fallback {@code EventProcessor} with {@code @ConditionalOnMissingBean}: imported
 * classes are processed before the importing class's own bean methods, and in the order listed
 * in {@code @Import}, so keep this one first there.
 */
@Configuration(proxyBeanMethods = false)
class RemarketingContactsConfiguration {

	@Bean
	@ConditionalOnMissingBean(EventProcessor.class)
	ContactEventProcessor remarketingContactEventProcessor(RemarketingSchema schema, InstallSecrets secrets) {
		return new ContactEventProcessor(schema.dataSource(), secrets, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ContactSearch remarketingContactSearch(RemarketingSchema schema) {
		return new ContactSearch(schema.dataSource());
	}

	@Bean
	@ConditionalOnMissingBean
	ContactDetails remarketingContactDetails(RemarketingSchema schema) {
		return new ContactDetails(schema.dataSource());
	}

	@Bean
	@ConditionalOnMissingBean
	GdprExport remarketingGdprExport(RemarketingSchema schema) {
		return new GdprExport(schema.dataSource(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ContactEraser remarketingContactEraser(RemarketingSchema schema, InstallSecrets secrets,
			ObjectProvider<ContactErasureParticipant> participants) {
		return new ContactEraser(schema.dataSource(), secrets, Clock.systemUTC(),
				participants.orderedStream().collect(Collectors.toList()));
	}

}
