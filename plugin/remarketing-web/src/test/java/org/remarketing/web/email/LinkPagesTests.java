package org.remarketing.web.email;

import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages' language, escaping and headers. */
class LinkPagesTests {

	@Test
	void vietnameseWhenTheBrowserPrefersItElseEnglish() {
		assertThat(LinkPages.language("vi")).isEqualTo("vi");
		assertThat(LinkPages.language("vi-VN,vi;q=0.9,en-US;q=0.8")).isEqualTo("vi");
		assertThat(LinkPages.language("en-US,en;q=0.9,vi;q=0.8")).isEqualTo("en");
		assertThat(LinkPages.language("fr-FR,fr;q=0.9")).isEqualTo("en");
		assertThat(LinkPages.language(null)).isEqualTo("en");
		assertThat(LinkPages.language("vi;q=abc")).isEqualTo("en");
		assertThat(LinkPages.language("vi," + "x".repeat(300))).isEqualTo("en");
	}

	@Test
	void everyValueIsEscapedAndNothingLoadsFromElsewhere() {
		LinkPages pages = new LinkPages(() -> "<script>alert('store')</script>", "https://shop.example.com/?a=1&b=\"2\"");
		ResponseEntity<String> page = pages.page(new MockHttpServletRequest(), 200)
			.title("unsubscribe.title")
			.paragraph("unsubscribe.body", "<img src=x onerror=alert(1)>@example.com")
			.form("unsubscribe?t=\"><script>", "unsubscribe.button", "via", "\"page\"")
			.html();

		String html = page.getBody();
		assertThat(html).doesNotContain("<script", "<img")
			.contains("&lt;script&gt;alert(&#39;store&#39;)&lt;/script&gt;")
			.contains("action=\"unsubscribe?t=&quot;&gt;&lt;script&gt;\"")
			.contains("value=\"&quot;page&quot;\"")
			.contains("href=\"https://shop.example.com/?a=1&amp;b=&quot;2&quot;\"")
			.doesNotContain("http://", "<link", "@import", "url(");
		assertThat(page.getHeaders().getFirst("Content-Security-Policy")).startsWith("default-src 'none'");
		assertThat(page.getHeaders().getFirst("X-Robots-Tag")).isEqualTo("noindex, nofollow");
		assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(page.getHeaders().getCacheControl()).isEqualTo("no-store");
	}

	@Test
	void aStoreNameThatCannotBeReadGivesANeutralOne() {
		LinkPages pages = new LinkPages(() -> {
			throw new IllegalStateException("no MERCHANT_STORE table yet");
		}, null);
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setContextPath("/shop");
		String html = pages.page(request, 404).title("notfound.title").html().getBody();
		assertThat(html).contains("our store").contains("href=\"/shop/\"");
	}

}
