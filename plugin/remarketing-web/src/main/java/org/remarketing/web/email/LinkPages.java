package org.remarketing.web.email;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The small pages the email links answer with: plain, self-contained HTML (no script, no external
 * resource), the store's name, English or Vietnamese by {@code Accept-Language}, every value
 * escaped, and headers that keep them out of search engines, caches and referrers.
 */
public final class LinkPages {

	static final String DEFAULT_STORE_NAME = "our store";

	/** Only inline styles and forms back to the store; nothing else may load or run. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline';"
			+ " form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

	private static final int MAX_ACCEPT_LANGUAGE = 200;

	private static final List<String> LANGUAGES = Arrays.asList("en", "vi");

	private static final Map<String, String[]> TEXTS = texts();

	private final Supplier<String> storeName;

	private final String storeUrl;

	/**
	 * @param storeName the store's display name (asked for each page; a failure shows a neutral name)
	 * @param storeUrl the store's home page, or null for the site root
	 */
	public LinkPages(Supplier<String> storeName, String storeUrl) {
		this.storeName = storeName;
		this.storeUrl = (storeUrl != null && !storeUrl.isBlank()) ? storeUrl.trim() : null;
	}

	/** A page answering {@code request} with {@code status}. */
	Page page(HttpServletRequest request, int status) {
		String home = (this.storeUrl != null) ? this.storeUrl : request.getContextPath() + "/";
		return new Page(status, language(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)), storeName(), home);
	}

	/** The headers every answer of the email endpoints carries, pages, redirects and pixels alike. */
	static void privateHeaders(HttpServletResponse response) {
		response.setHeader("X-Robots-Tag", "noindex, nofollow");
		response.setHeader("Referrer-Policy", "no-referrer");
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		response.setHeader("X-Content-Type-Options", "nosniff");
	}

	static String language(String acceptLanguage) {
		if (acceptLanguage == null || acceptLanguage.isBlank() || acceptLanguage.length() > MAX_ACCEPT_LANGUAGE) {
			return "en";
		}
		try {
			String tag = Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES);
			return (tag != null) ? tag : "en";
		}
		catch (IllegalArgumentException ex) {
			return "en";
		}
	}

	private String storeName() {
		try {
			String name = this.storeName.get();
			return (name != null && !name.isBlank()) ? name.trim() : DEFAULT_STORE_NAME;
		}
		catch (RuntimeException ex) {
			return DEFAULT_STORE_NAME; // the store's tables may be unreachable; the page still answers
		}
	}

	/** One page being written; {@link #html()} ends it. Texts are looked up by key and filled with escaped values. */
	static final class Page {

		private final int status;

		private final String language;

		private final String store;

		private final String home;

		private final List<String> parts = new ArrayList<>();

		private String title;

		Page(int status, String language, String store, String home) {
			this.status = status;
			this.language = language;
			this.store = store;
			this.home = home;
		}

		Page title(String key, String... values) {
			this.title = text(key, values);
			this.parts.add("<h1>" + this.title + "</h1>");
			return this;
		}

		Page paragraph(String key, String... values) {
			this.parts.add("<p>" + text(key, values) + "</p>");
			return this;
		}

		/** A form posting {@code fields} (name, value, name, value…) to {@code action}, with one button. */
		Page form(String action, String buttonKey, String... fields) {
			StringBuilder form = new StringBuilder("<form method=\"post\" action=\"").append(escape(action)).append("\">");
			for (int i = 0; i + 1 < fields.length; i += 2) {
				form.append("<input type=\"hidden\" name=\"").append(escape(fields[i])).append("\" value=\"")
					.append(escape(fields[i + 1])).append("\">");
			}
			form.append("<button type=\"submit\">").append(text(buttonKey)).append("</button></form>");
			this.parts.add(form.toString());
			return this;
		}

		Page link(String href, String key) {
			this.parts.add("<p><a href=\"" + escape(href) + "\">" + text(key) + "</a></p>");
			return this;
		}

		ResponseEntity<String> html() {
			StringBuilder page = new StringBuilder(1024);
			page.append("<!DOCTYPE html><html lang=\"").append(this.language).append("\"><head><meta charset=\"utf-8\">")
				.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
				.append("<meta name=\"robots\" content=\"noindex, nofollow\">")
				.append("<title>").append((this.title != null) ? this.title : escape(this.store)).append(" \u2013 ")
				.append(escape(this.store)).append("</title><style>")
				.append("body{font:16px/1.5 system-ui,sans-serif;color:#222;background:#f6f6f4;margin:0}")
				.append("main{max-width:34rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px}")
				.append("h1{font-size:1.4rem;margin-top:0}.store{color:#666;font-size:.9rem}")
				.append("form{display:inline-block;margin:.25rem .5rem .25rem 0}")
				.append("button{font:inherit;padding:.5rem 1rem;border:1px solid #333;border-radius:4px;background:#fff;cursor:pointer}")
				.append("</style></head><body><main><p class=\"store\">").append(escape(this.store)).append("</p>");
			this.parts.forEach(page::append);
			page.append("<p><a href=\"").append(escape(this.home)).append("\">").append(text("back")).append("</a></p>")
				.append("</main></body></html>");
			return ResponseEntity.status(this.status)
				.contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
				.header("X-Robots-Tag", "noindex, nofollow")
				.header("Referrer-Policy", "no-referrer")
				.header("X-Content-Type-Options", "nosniff")
				.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
				.cacheControl(CacheControl.noStore())
				.body(page.toString());
		}

		/** {@code {store}} and {@code {0}}, {@code {1}}… replaced by escaped values. */
		private String text(String key, String... values) {
			String[] translations = TEXTS.get(key);
			String text = translations["vi".equals(this.language) ? 1 : 0];
			text = text.replace("{store}", escape(this.store));
			for (int i = 0; i < values.length; i++) {
				text = text.replace("{" + i + "}", escape(values[i]));
			}
			return text;
		}

	}

	private static String escape(String value) {
		return (value != null) ? HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name()) : "";
	}

	private static Map<String, String[]> texts() {
		Map<String, String[]> texts = new HashMap<>();
		texts.put("back", new String[] { "Back to {store}", "Quay lại {store}" });
		texts.put("bad.title", new String[] { "This link is incomplete", "Liên kết không đầy đủ" });
		texts.put("bad.body", new String[] { "Please open the link from the email again, or copy all of it.",
				"Vui lòng mở lại liên kết trong email, hoặc sao chép toàn bộ liên kết." });
		texts.put("bad.missing", new String[] { "The link has no token.", "Liên kết thiếu mã xác thực." });
		texts.put("bad.malformed", new String[] { "The link's token is damaged or too long.",
				"Mã xác thực của liên kết bị hỏng hoặc quá dài." });
		texts.put("bad.link-number", new String[] { "The link number must be a whole number from 0 to 999.",
				"Số thứ tự liên kết phải là số nguyên từ 0 đến 999." });
		texts.put("bad.choice", new String[] { "Choose one of the options on the page.",
				"Vui lòng chọn một trong các tùy chọn trên trang." });
		texts.put("invalid.title", new String[] { "This link is invalid or has expired",
				"Liên kết không hợp lệ hoặc đã hết hạn" });
		texts.put("invalid.body", new String[] { "Please open the link from the email again, or visit {store} directly.",
				"Vui lòng mở lại liên kết trong email, hoặc truy cập {store} trực tiếp." });
		texts.put("expired.title", new String[] { "This link has expired", "Liên kết đã hết hạn" });
		texts.put("expired.body", new String[] { "Cart links are valid for a limited time. The products are still in the store.",
				"Liên kết giỏ hàng chỉ có hiệu lực trong thời gian giới hạn. Sản phẩm vẫn còn tại cửa hàng." });
		texts.put("notfound.title", new String[] { "Link not found", "Không tìm thấy liên kết" });
		texts.put("notfound.body", new String[] { "This link does not lead anywhere any more.",
				"Liên kết này không còn dẫn đến đâu nữa." });
		texts.put("unsubscribe.title", new String[] { "Unsubscribe from {store}'s emails?",
				"Hủy đăng ký nhận email từ {store}?" });
		texts.put("unsubscribe.body", new String[] { "{0} will get no more marketing emails from {store}.",
				"{0} sẽ không nhận thêm email tiếp thị nào từ {store}." });
		texts.put("unsubscribe.button", new String[] { "Unsubscribe", "Hủy đăng ký" });
		texts.put("unsubscribed.title", new String[] { "You are unsubscribed", "Bạn đã hủy đăng ký" });
		texts.put("unsubscribed.body", new String[] { "{0} will get no more marketing emails from {store}, starting now.",
				"Kể từ bây giờ, {0} sẽ không nhận thêm email tiếp thị nào từ {store}." });
		texts.put("preferences.link", new String[] { "Choose what you receive instead", "Chọn loại email bạn muốn nhận" });
		texts.put("preferences.title", new String[] { "Email preferences", "Tùy chọn email" });
		texts.put("preferences.none", new String[] { "{0} gets reminders and other news from {store}.",
				"{0} đang nhận email nhắc nhở và tin tức từ {store}." });
		texts.put("preferences.reminders", new String[] {
				"{0} gets no reminders about carts or products, but still gets other news from {store}.",
				"{0} không nhận email nhắc nhở về giỏ hàng hay sản phẩm, nhưng vẫn nhận tin tức khác từ {store}." });
		texts.put("preferences.all", new String[] { "{0} gets no marketing emails from {store}.",
				"{0} không nhận email tiếp thị nào từ {store}." });
		texts.put("preferences.saved", new String[] { "Saved.", "Đã lưu." });
		texts.put("choice.reminders", new String[] { "Stop reminders only", "Chỉ dừng email nhắc nhở" });
		texts.put("choice.all", new String[] { "Stop all marketing emails", "Dừng tất cả email tiếp thị" });
		texts.put("choice.resubscribe", new String[] { "Resubscribe", "Đăng ký nhận lại" });
		return texts;
	}

}
