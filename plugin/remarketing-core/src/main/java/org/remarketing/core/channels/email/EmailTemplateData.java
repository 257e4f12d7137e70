package org.remarketing.core.channels.email;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import freemarker.template.SimpleHash;
import freemarker.template.SimpleNumber;
import freemarker.template.SimpleScalar;
import freemarker.template.SimpleSequence;
import freemarker.template.TemplateBooleanModel;
import freemarker.template.TemplateModel;

/**
 * The data model the email templates see (documented in docs/email-templates.md): strings,
 * numbers, booleans, hashes and lists, prices already formatted, unsafe links already dropped,
 * line breaks in one-line fields turned into spaces. Absent values are left out, so templates
 * test them with {@code ??}.
 * <p>
 * Built directly as FreeMarker values, because the three parts of an email read the same
 * values again and again (each read of a plain Java value would wrap it anew).
 */
final class EmailTemplateData {

	private EmailTemplateData() {
	}

	static Map<String, Object> of(EmailModel email) {
		Prices prices = Prices.of(email.locale(), email.store().currencyUnit());
		Fields data = new Fields(20)
			.text("template", email.template())
			.number("step", email.step())
			.text("tone", email.tone().name())
			// A boolean for the templates: FreeMarker compares strings with the locale's collator, slowly.
			.flag("direct", email.tone() == Tone.DIRECT)
			.text("firstName", oneLine(email.firstName()))
			.model("store", store(email.store()))
			.model("products", lines(email.products(), prices))
			.model("related", lines(email.related(), prices))
			.text("subtotal", subtotal(email.products(), prices))
			.text("primaryUrl", email.primaryUrl())
			.text("unsubscribeUrl", email.unsubscribeUrl())
			.text("preferencesUrl", email.preferencesUrl())
			.text("openPixelUrl", EmailUrls.safeOrNull(email.openPixelUrl()))
			.text("offerText", oneLine(email.offerText()));
		return data.values;
	}

	private static TemplateModel store(StoreBrand store) {
		return new Fields(6).text("name", oneLine(store.name()))
			.text("url", EmailUrls.safeOrNull(store.url()))
			.text("address", oneLine(store.address()))
			.text("logoUrl", EmailUrls.safeOrNull(store.logoUrl()))
			.text("currency", store.currency())
			.toHash();
	}

	private static TemplateModel lines(List<ProductLine> lines, Prices prices) {
		SimpleSequence sequence = new SimpleSequence(lines.size(), null);
		for (ProductLine line : lines) {
			sequence.add(new Fields(10).number("id", line.id())
				.text("sku", line.sku())
				.text("name", oneLine(line.name()))
				.text("variant", oneLine(line.variant()))
				.number("quantity", line.quantity())
				.flag("cartLine", line.quantity() > 0)
				.text("price", (line.price() != null) ? prices.format(line.price()) : null)
				.text("imageUrl", EmailUrls.safeOrNull(line.imageUrl()))
				.text("url", EmailUrls.safeOrNull(line.url()))
				.toHash());
		}
		return sequence;
	}

	/** The cart lines' total, when there are cart lines and every one has a price. */
	private static String subtotal(List<ProductLine> lines, Prices prices) {
		BigDecimal total = BigDecimal.ZERO;
		boolean any = false;
		for (ProductLine line : lines) {
			if (line.quantity() > 0) {
				if (line.price() == null) {
					return null;
				}
				total = total.add(line.price().multiply(BigDecimal.valueOf(line.quantity())));
				any = true;
			}
		}
		return any ? prices.format(total) : null;
	}

	/**
	 * Control characters (CR, LF, tab…) and line separators become a space (one for a run of
	 * them and the spaces around); blank becomes absent.
	 */
	static String oneLine(String value) {
		if (value == null) {
			return null;
		}
		String result = value;
		for (int i = 0; i < value.length(); i++) {
			if (isBreak(value.charAt(i))) {
				result = joinLines(value);
				break;
			}
		}
		result = result.strip();
		return result.isEmpty() ? null : result;
	}

	private static String joinLines(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!isBreak(c)) {
				out.append(c);
				continue;
			}
			while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
				out.setLength(out.length() - 1);
			}
			out.append(' ');
			while (i + 1 < value.length() && (isBreak(value.charAt(i + 1)) || value.charAt(i + 1) == ' ')) {
				i++;
			}
		}
		return out.toString();
	}

	private static boolean isBreak(char c) {
		return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
	}

	/** A template hash under construction; absent values are left out. */
	private static final class Fields {

		private final Map<String, Object> values;

		Fields(int expected) {
			this.values = new HashMap<>(expected * 4 / 3 + 1);
		}

		Fields text(String key, String value) {
			if (value != null) {
				this.values.put(key, new SimpleScalar(value));
			}
			return this;
		}

		Fields number(String key, Number value) {
			this.values.put(key, new SimpleNumber(value));
			return this;
		}

		Fields flag(String key, boolean value) {
			this.values.put(key, value ? TemplateBooleanModel.TRUE : TemplateBooleanModel.FALSE);
			return this;
		}

		Fields model(String key, TemplateModel value) {
			this.values.put(key, value);
			return this;
		}

		/** Every value is already a template model: the hash never needs an object wrapper. */
		SimpleHash toHash() {
			return new SimpleHash(this.values, null, 0);
		}

	}

}
