package org.remarketing.web.tracking;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class VisitRequestsTests {

	private static String key(String address) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(address);
		return VisitRequests.clientKey(request);
	}

	@Test
	void ipv6AddressesAreLimitedPerSlash64() {
		assertThat(key("2001:db8:85a3:0:1:8a2e:370:7334")).isEqualTo(key("2001:0db8:85a3:0000:ffff::1"))
			.isEqualTo("ip6:2001:db8:85a3:0");
		assertThat(key("2001:db8::1")).isEqualTo("ip6:2001:db8:0:0");
		assertThat(key("::1")).isEqualTo("ip6:0:0:0:0");
		assertThat(key("203.0.113.9")).isEqualTo("ip:203.0.113.9");
	}

	@Test
	void realBrowsersAreNotBots() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
				+ "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1");
		assertThat(VisitRequests.isBot(request)).isFalse();
	}

	@Test
	void anonymousUrlsKeepCampaignsOnly() {
		assertThat(AnonymousUrls.withoutQuery("https://s.example/p?email=a@b.c&utm_source=x&utm_medium=y#frag"))
			.isEqualTo("https://s.example/p?utm_source=x&utm_medium=y");
		assertThat(AnonymousUrls.origin("https://user:pw@www.google.com:8443/search?q=me")).isEqualTo(
				"https://www.google.com:8443/");
		assertThat(AnonymousUrls.origin("android-app://x")).isEqualTo("android-app://x/");
		assertThat(AnonymousUrls.origin("nonsense")).isNull();
	}

}
