package org.remarketing.autoconfigure;

import org.junit.jupiter.api.Test;
import org.remarketing.core.channels.email.MailTransport;
import org.remarketing.core.journeys.BuiltInJourney;
import org.remarketing.core.journeys.JourneyErasure;
import org.remarketing.core.journeys.JourneyPreviews;
import org.remarketing.core.journeys.JourneyScheduler;
import org.remarketing.core.journeys.JourneySettings;
import org.remarketing.core.journeys.JourneyStore;
import org.remarketing.core.journeys.StepRenderer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;

class JourneysConfigurationTests {

	private final String url = TestDatabases.newUrl();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MailSenderAutoConfiguration.class,
				RemarketingAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + this.url);

	@Test
	void journeysAreInstalledAndTheSchedulerWaitsForTheStoreToBeReady() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(JourneyStore.class)
				.hasSingleBean(JourneyScheduler.class)
				.hasSingleBean(StepRenderer.class)
				.hasSingleBean(JourneyPreviews.class)
				.hasSingleBean(JourneyErasure.class)
				.doesNotHaveBean(JavaMailSender.class);
			assertThat(context.getBean(JourneyStore.class).journeys()).hasSize(BuiltInJourney.values().length);
			assertThat(context.getBean(JourneyScheduler.class).scheduler().getSchedulerState().isStarted()).isFalse();
			assertThat(TestDatabases.hasTable(this.url, "rmk_scheduled_tasks")).isTrue();
		});
	}

	@Test
	void theHostsMailSenderIsUsedAndNoSecondOneIsDeclared() {
		this.runner.withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=2525").run((context) -> {
			assertThat(context).hasSingleBean(JavaMailSender.class).hasSingleBean(MailTransport.class);
		});
	}

	@Test
	void journeysCanBeSwitchedOff() {
		this.runner.withPropertyValues("remarketing.journeys.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(JourneyStore.class)
				.doesNotHaveBean(JourneyScheduler.class);
		});
	}

	@Test
	void demoTimingTurnsHoursIntoMinutes() {
		this.runner.withPropertyValues("remarketing.journeys.demo-timing=true").run((context) -> {
			JourneySettings settings = context.getBean(JourneySettings.class);
			assertThat(settings.scaled(java.time.Duration.ofHours(23))).isEqualTo(java.time.Duration.ofMinutes(23));
			assertThat(settings.quietHours()).isFalse();
		});
	}

	@Test
	void anUnknownConsentPolicyStopsTheStartWithASentence() {
		this.runner.withPropertyValues("remarketing.journeys.consent-policy=maybe").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()).getMessage())
				.isEqualTo("remarketing.journeys.consent-policy must be soft-opt-in or explicit");
		});
	}

}
