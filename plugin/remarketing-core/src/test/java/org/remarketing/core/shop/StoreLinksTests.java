package org.remarketing.core.shop;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StoreLinksTests {

	private final StoreLinks links = new StoreLinks("https://shop.example.com/", "/product/{sku}",
			"/static/products/{store}/{sku}/SMALL/{file}", "/static/files/{store}/LOGO/{file}");

	@Test
	void pathsAreMadeAbsoluteOnTheStorefrontsUrl() {
		assertThat(this.links.url()).isEqualTo("https://shop.example.com");
		assertThat(this.links.product(7, "COF001", "arabica-beans")).isEqualTo("https://shop.example.com/product/COF001");
		assertThat(this.links.image("DEFAULT", "COF001", "COF001.png"))
			.isEqualTo("https://shop.example.com/static/products/DEFAULT/COF001/SMALL/COF001.png");
		assertThat(this.links.logo("DEFAULT", "logo.png")).isEqualTo("https://shop.example.com/static/files/DEFAULT/LOGO/logo.png");
	}

	@Test
	void aProductPageCanBeNamedByIdOrBySlugAndTheSkuStandsInForAMissingSlug() {
		StoreLinks bySlug = new StoreLinks("http://localhost:3000", "/product/{slug}?id={id}", "/i/{file}", "/l/{file}");
		assertThat(bySlug.product(42, "COF 1", "ca-phe-hat")).isEqualTo("http://localhost:3000/product/ca-phe-hat?id=42");
		assertThat(bySlug.product(42, "COF 1", null)).isEqualTo("http://localhost:3000/product/COF%201?id=42");
	}

	@Test
	void imagesCanComeFromAnotherHost() {
		StoreLinks cdn = new StoreLinks("https://shop.example.com", "/product/{sku}", "https://cdn.example.net/{store}/{file}",
				"/logo/{file}");
		assertThat(cdn.image("DEFAULT", "COF001", "a.png")).isEqualTo("https://cdn.example.net/DEFAULT/a.png");
	}

	@Test
	void valuesCannotAddPathSegmentsOrQueryParameters() {
		assertThat(this.links.product(1, "../admin?x=1&y=é", null))
			.isEqualTo("https://shop.example.com/product/..%2Fadmin%3Fx%3D1%26y%3D%C3%A9");
		assertThat(this.links.product(1, "..", null)).isEqualTo("https://shop.example.com/product/%2E%2E");
		assertThat(this.links.image("DEFAULT", "A/B", "x y.png"))
			.isEqualTo("https://shop.example.com/static/products/DEFAULT/A%2FB/SMALL/x%20y.png");
	}

	@Test
	void withoutAFileThereIsNoImageNorLogo() {
		assertThat(this.links.image("DEFAULT", "COF001", null)).isNull();
		assertThat(this.links.logo("DEFAULT", " ")).isNull();
	}

	@Test
	void badSettingsAreRefusedWithWhatToWrite() {
		assertThat(StoreLinks.checkBaseUrl("shop.example.com")).contains("http(s)://host");
		assertThat(StoreLinks.checkBaseUrl("javascript:alert(1)")).isNotNull();
		assertThat(StoreLinks.checkBaseUrl("https://shop.example.com/?a=b")).isNotNull();
		assertThat(StoreLinks.checkPattern("product/{sku}", StoreLinks.PRODUCT_PLACEHOLDERS)).contains("starting with '/'");
		assertThat(StoreLinks.checkPattern("/p/{name}", StoreLinks.PRODUCT_PLACEHOLDERS))
			.contains("unknown placeholder {name}").contains("{sku}, {id}, {slug}");
		assertThat(StoreLinks.checkPattern("/p/{sku", List.of("sku"))).contains("unclosed");
		assertThat(StoreLinks.checkPattern("/p/{sku}", StoreLinks.PRODUCT_PLACEHOLDERS)).isNull();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StoreLinks("https://shop.example.com", "/p/{file}", "/i/{file}", "/l/{file}"))
			.withMessageContaining("{file}");
	}

}
