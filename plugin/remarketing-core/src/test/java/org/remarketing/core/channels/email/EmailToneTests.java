package org.remarketing.core.channels.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.remarketing.core.templates.TemplateRenderer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GENTLE emails (shoppers only discovering or considering) never press; DIRECT ones remind, and
 * neither invents scarcity.
 */
class EmailToneTests {

	/** Wording only the DIRECT tone uses, taken from the English and Vietnamese copy files. */
	private static final List<String> DIRECT_ONLY = List.of("reminder:", "don't forget", "still waiting",
			"complete your", "come back", "shop now", "reorder now", "reorder today", "don't run out", "nhắc bạn:",
			"đừng quên", "vẫn đang chờ", "hoàn tất", "quay lại", "mua ngay", "đặt lại ngay", "đặt mua lại ngay",
			"đừng để hết");

	/** Pressure no email may use: urgency and scarcity nobody checked. */
	private static final List<Pattern> PRESSURE = List.of(Pattern.compile("hurry"), Pattern.compile("last chance"),
			Pattern.compile("only \\d+ left"), Pattern.compile("left in stock"), Pattern.compile("selling fast"),
			Pattern.compile("ends? soon"), Pattern.compile("don't miss"), Pattern.compile("nhanh tay"),
			Pattern.compile("cơ hội cuối"), Pattern.compile("chỉ còn \\d+"), Pattern.compile("sắp hết hàng"));

	private final EmailComposer composer = new EmailComposer(new TemplateRenderer(getClass().getClassLoader()));

	@Test
	void gentleEmailsUseNoDirectWordingAndNoPressure() {
		for (String words : everyEmail(Tone.GENTLE)) {
			for (String phrase : DIRECT_ONLY) {
				assertThat(words).doesNotContain(phrase);
			}
			for (Pattern pressure : PRESSURE) {
				assertThat(words).doesNotContainPattern(pressure);
			}
		}
	}

	@Test
	void directEmailsRemindWithoutPressure() {
		List<String> emails = everyEmail(Tone.DIRECT);
		for (String words : emails) {
			assertThat(DIRECT_ONLY.stream().filter(words::contains)).as(words).isNotEmpty();
			for (Pattern pressure : PRESSURE) {
				assertThat(words).doesNotContainPattern(pressure);
			}
		}
		// The list follows the templates: each phrase is used by some DIRECT email.
		for (String phrase : DIRECT_ONLY) {
			assertThat(emails.stream().filter((words) -> words.contains(phrase))).as(phrase).isNotEmpty();
		}
	}

	/** Subject, visible HTML text and text part of every template, step 1–3, English and Vietnamese, lower case. */
	private List<String> everyEmail(Tone tone) {
		List<String> emails = new ArrayList<>();
		for (String template : EmailModel.SHIPPED_TEMPLATES) {
			for (Locale locale : new Locale[] { Locale.ENGLISH, new Locale("vi", "VN") }) {
				for (int step = 1; step <= 3; step++) {
					for (String firstName : new String[] { "Lan", null }) {
						RenderedEmail email = this.composer.compose(
								EmailFixtures.model(template, locale, tone).step(step).firstName(firstName).build());
						emails.add((email.subject() + "\n" + Jsoup.parse(email.html()).text() + "\n" + email.text())
							.toLowerCase(Locale.ROOT));
					}
				}
			}
		}
		return emails;
	}

}
