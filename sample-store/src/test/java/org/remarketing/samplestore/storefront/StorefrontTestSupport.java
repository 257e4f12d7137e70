package org.remarketing.samplestore.storefront;

import java.util.Map;

import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.FlashMap;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * One seeded store in memory shared by the storefront tests (one Spring context for all of them);
 * each test is a shopper with their own HTTP session.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:storefront;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "sample.mail.embedded=false"})
@AutoConfigureMockMvc
abstract class StorefrontTestSupport {

    static MockHttpServletRequestBuilder page(String path, MockHttpSession session) {
        return get(path).session(session).accept("text/html");
    }

    static MockHttpServletRequestBuilder form(String path, MockHttpSession session, String... fields) {
        MockHttpServletRequestBuilder request = post(path).session(session).with(csrf());
        for (int i = 0; i + 1 < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        return request;
    }

    /** Adds to the cart as a browser does: the POST, then the page it redirects to (which shows the flash message). */
    static void addToCart(MockMvc mvc, MockHttpSession session, String sku, int quantity) throws Exception {
        MvcResult result = mvc.perform(form("/cart/add", session, "sku", sku, "quantity", String.valueOf(quantity))).andReturn();
        mvc.perform(page(result.getResponse().getRedirectedUrl(), session));
    }

    /** The next page, as the browser shows it after a redirect: with the flash messages it carries. */
    static MockHttpServletRequestBuilder after(MvcResult redirect, MockHttpSession session) {
        FlashMap flash = redirect.getFlashMap();
        MockHttpServletRequestBuilder request = page(redirect.getResponse().getRedirectedUrl(), session);
        for (Map.Entry<String, Object> e : flash.entrySet()) {
            request.flashAttr(e.getKey(), e.getValue());
        }
        return request;
    }
}
