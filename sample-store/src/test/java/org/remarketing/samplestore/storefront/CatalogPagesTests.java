package org.remarketing.samplestore.storefront;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.catalog.ProductView;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Browsing the shop anonymously, in English and in Vietnamese. */
class CatalogPagesTests extends StorefrontTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    CatalogService catalog;

    @Test
    void homeShowsFeaturedProductsInEnglishByDefault() throws Exception {
        List<ProductView> featured = catalog.featured(StoreContext.ENGLISH, CatalogController.FEATURED);
        assertThat(featured).isNotEmpty();
        String html = mvc.perform(page("/", new MockHttpSession()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("lang=\"en\"")))
                .andExpect(content().string(containsString("Shop by category")))
                .andReturn().getResponse().getContentAsString();
        for (ProductView p : featured) {
            assertThat(html).contains(HtmlUtils.htmlEscape(p.getName(), "UTF-8"));
        }
        assertThat(html).contains("data-test=\"cart-count\"").contains("href=\"/category/");
    }

    @Test
    void langParameterSwitchesToVietnameseAndACookieKeepsIt() throws Exception {
        List<ProductView> featured = catalog.featured(StoreContext.VIETNAMESE, CatalogController.FEATURED);
        MockHttpSession session = new MockHttpSession();
        String html = mvc.perform(page("/?lang=vi", session))
                .andExpect(status().isOk())
                .andExpect(cookie().value(StorefrontWebConfig.LANGUAGE_COOKIE, "vi"))
                .andExpect(content().string(containsString("lang=\"vi\"")))
                .andExpect(content().string(containsString("Mua sắm theo danh mục")))
                .andReturn().getResponse().getContentAsString();
        for (ProductView p : featured) {
            assertThat(html).contains(HtmlUtils.htmlEscape(p.getName(), "UTF-8"));
        }
        // the cookie alone keeps the shopper in Vietnamese
        mvc.perform(page("/cart", new MockHttpSession()).cookie(new javax.servlet.http.Cookie(StorefrontWebConfig.LANGUAGE_COOKIE, "vi")))
                .andExpect(content().string(containsString("Giỏ hàng của bạn")));
    }

    @Test
    void unsupportedLanguageFallsBackToEnglish() throws Exception {
        mvc.perform(page("/?lang=fr", new MockHttpSession()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("lang=\"en\"")));
    }

    @Test
    void categoryPageListsItsProductsInBothLanguages() throws Exception {
        String code = catalog.categories(StoreContext.ENGLISH).get(0).getCode();
        for (java.util.Locale locale : StoreContext.LOCALES) {
            List<ProductView> products = catalog.productsInCategory(code, locale);
            assertThat(products).isNotEmpty();
            String html = mvc.perform(page("/category/" + code + "?lang=" + locale.getLanguage(), new MockHttpSession()))
                    .andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            for (ProductView p : products) {
                assertThat(html).contains(HtmlUtils.htmlEscape(p.getName(), "UTF-8"));
            }
            assertThat(html).contains("data-test=\"add-to-cart\"").contains("action=\"/cart/add\"").contains("name=\"_csrf\"");
        }
    }

    @Test
    void productPageShowsLargeImageDescriptionAndRelatedProducts() throws Exception {
        ProductView product = catalog.all(StoreContext.ENGLISH).stream()
                .filter(p -> !catalog.related(p.getId(), StoreContext.ENGLISH).isEmpty()).findFirst().orElseThrow();
        ProductView related = catalog.related(product.getId(), StoreContext.ENGLISH).get(0);
        mvc.perform(page("/product/" + product.getSku(), new MockHttpSession()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(HtmlUtils.htmlEscape(product.getName(), "UTF-8"))))
                .andExpect(content().string(containsString("/LARGE/")))
                .andExpect(content().string(containsString("data-test=\"related-products\"")))
                .andExpect(content().string(containsString(HtmlUtils.htmlEscape(related.getName(), "UTF-8"))))
                .andExpect(content().string(containsString("$")));
    }

    @Test
    void unknownProductOrCategoryIsAStyledNotFoundPage() throws Exception {
        mvc.perform(page("/product/NOPE-404", new MockHttpSession()))
                .andExpect(status().isNotFound());
        mvc.perform(page("/category/nope", new MockHttpSession()))
                .andExpect(status().isNotFound());
    }

    @Test
    void searchEscapesWhatTheShopperTyped() throws Exception {
        mvc.perform(page("/search", new MockHttpSession()).param("q", "<script>alert(1)</script>"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("<script>alert(1)</script>"))))
                .andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")));
    }

    @Test
    void searchFindsProductsByName() throws Exception {
        ProductView any = catalog.all(StoreContext.ENGLISH).get(0);
        String word = any.getName().split(" ")[0];
        mvc.perform(page("/search", new MockHttpSession()).param("q", word))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(HtmlUtils.htmlEscape(any.getName(), "UTF-8"))));
    }

    @Test
    void productImagesAreServedAtShopizersPathWithCacheHeaders() throws Exception {
        ProductView any = catalog.all(StoreContext.ENGLISH).stream().filter(p -> p.getImageUrl() != null).findFirst().orElseThrow();
        mvc.perform(get(any.getImageUrl()))
                .andExpect(status().isOk())
                .andExpect(content().contentType("image/png"))
                .andExpect(header().string("Cache-Control", containsString("max-age=")));
        mvc.perform(get(any.getImageUrl().replace("/SMALL/", "/LARGE/"))).andExpect(status().isOk());
        mvc.perform(get("/static/products/DEFAULT/X/SMALL/secret.txt")).andExpect(status().isNotFound());
        mvc.perform(get("/static/products/DEFAULT/X/HUGE/COF001.png")).andExpect(status().isNotFound());
        mvc.perform(get("/static/products/DEFAULT/X/SMALL/missing-file.png")).andExpect(status().isNotFound());
    }
}
