package org.remarketing.web.tracking;

import java.util.concurrent.atomic.AtomicReference;

import javax.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.remarketing.core.tracking.ShopperContext;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShopperContextFilterTests {

	private final ShopperContext context = new ShopperContext();

	private final ShopperContextFilter filter = new ShopperContextFilter(this.context);

	private String visitorDuring(MockHttpServletRequest request) throws Exception {
		AtomicReference<String> seen = new AtomicReference<>("not called");
		this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain(new javax.servlet.http.HttpServlet() {
			@Override
			protected void service(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse res) {
				seen.set(ShopperIdsOf.current(ShopperContextFilterTests.this.context));
			}
		}));
		return seen.get();
	}

	@Test
	void storeRequestsRunAsTheVisitorOfTheCookie() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cart/add");
		request.setCookies(new Cookie("rmk_vid", "AbCdEfGhIjKlMnOpQrSt_-"));
		assertThat(visitorDuring(request)).isEqualTo("AbCdEfGhIjKlMnOpQrSt_-");
		assertThat(this.context.currentVisitorId()).isNull();
	}

	@Test
	void noCookieOrAForgedOneBindsNoOne() throws Exception {
		assertThat(visitorDuring(new MockHttpServletRequest("GET", "/"))).isNull();
		for (String forged : new String[] { "short", "AbCdEfGhIjKlMnOpQrSt_-x", "AbCdEfGhIjKlMnOpQrS'_-", "" }) {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
			request.setCookies(new Cookie("rmk_vid", forged));
			assertThat(visitorDuring(request)).as(forged).isNull();
		}
	}

	@Test
	void adminApiCallsAreNotTiedToTheAdministratorsOwnCookie() throws Exception {
		for (String path : new String[] { "/api/v1/private/orders/7", "/api/v2/private/customer/3", "/api/v1/private" }) {
			MockHttpServletRequest request = new MockHttpServletRequest("PUT", path);
			request.setCookies(new Cookie("rmk_vid", "AbCdEfGhIjKlMnOpQrSt_-"));
			assertThat(visitorDuring(request)).as(path).isNull();
		}
		MockHttpServletRequest shopper = new MockHttpServletRequest("POST", "/api/v1/cart");
		shopper.setCookies(new Cookie("rmk_vid", "AbCdEfGhIjKlMnOpQrSt_-"));
		assertThat(visitorDuring(shopper)).isEqualTo("AbCdEfGhIjKlMnOpQrSt_-");
	}

	@Test
	void doNotTrackBrowsersAreNotTied() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cart/add");
		request.setCookies(new Cookie("rmk_vid", "AbCdEfGhIjKlMnOpQrSt_-"));
		request.addHeader("Sec-GPC", "1");
		assertThat(visitorDuring(request)).isNull();
	}

	@Test
	void theStoresExceptionsPassThroughUnchanged() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
		request.setCookies(new Cookie("rmk_vid", "AbCdEfGhIjKlMnOpQrSt_-"));
		assertThatThrownBy(() -> this.filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
			throw new java.io.IOException("client went away");
		})).isInstanceOf(java.io.IOException.class).hasMessage("client went away");
		assertThat(this.context.currentVisitorId()).isNull();
	}

	static final class ShopperIdsOf {

		static String current(ShopperContext context) {
			return context.currentVisitorId();
		}

	}

}
