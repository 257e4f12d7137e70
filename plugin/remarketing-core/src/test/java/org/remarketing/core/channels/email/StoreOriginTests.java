package org.remarketing.core.channels.email;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Which stored click targets count as the store's own. */
class StoreOriginTests {

	private final StoreOrigin store = new StoreOrigin("https://Shop.Example.com:8443/store/");

	@ParameterizedTest
	@ValueSource(strings = { "https://shop.example.com/store/cart", "http://shop.example.com/p/mug?x=1#top",
			"https://SHOP.example.com", "https://shop.example.com:9000/other" })
	void urlsOnTheStoresHostAreAllowed(String url) {
		assertThat(this.store.allows(url)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "//evil.com", "/\\evil.com", "https:evil.com", "javascript:alert(1)", "data:text/html,hi",
			"https://evil.com", "https://shop.example.com.evil.com/", "https://shop.example.com@evil.com/",
			"https://evil.com#@shop.example.com", "https://evil.com\\@shop.example.com", "https://evil.com?shop.example.com",
			"ftp://shop.example.com/", "https:/\\/evil.com", "https://shop.example.com%2F@evil.com", " https://evil.com",
			"https://shop.example.com\t.evil.com", "https://xn--shp-qla.example.com/", "https://shöp.example.com/",
			"/cart", "cart", "", "https://user:pass@shop.example.com/" })
	void anythingElseIsRefused(String url) {
		assertThat(this.store.allows(url)).isFalse();
	}

	@Test
	void theStoreUrlMustBeAbsolute() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StoreOrigin("shop.example.com"));
		assertThatIllegalArgumentException().isThrownBy(() -> new StoreOrigin("/store"));
	}

}
