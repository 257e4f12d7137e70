package org.remarketing.samplestore.storefront;

import java.util.Locale;

import com.salesmanager.core.model.customer.Customer;

import org.junit.jupiter.api.Test;
import org.remarketing.samplestore.cart.CartLine;
import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.catalog.ProductView;
import org.remarketing.samplestore.customer.CustomerService;
import org.remarketing.samplestore.security.ShopperPrincipal;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Registration, sign-in and the account page. */
class AccountPagesTests extends StorefrontTestSupport {

    static final String DEMO_SHOPPER = "shopper@example.com";

    @Autowired
    MockMvc mvc;

    @Autowired
    CustomerService customers;

    @Autowired
    AccountProfiles profiles;

    @Autowired
    CatalogService catalog;

    @Autowired
    CartService carts;

    @Test
    void registrationCreatesTheCustomerAndSignsThemIn() throws Exception {
        String email = "new.member+" + System.nanoTime() + "@example.com";
        MockHttpSession session = new MockHttpSession();
        mvc.perform(page("/register", session))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"newsletter\"")))
                .andExpect(content().string(not(containsString("checked"))));
        mvc.perform(form("/register", session, "email", email, "password", "s3cret-pass", "firstName", "Mai",
                        "lastName", "Nguyễn", "language", "vi", "dateOfBirth", "1990-04-12"))
                .andExpect(redirectedUrl("/account"));

        Customer customer = customers.findRegistered(email).orElseThrow();
        assertThat(profiles.profileOf(customer.getId()).orElseThrow().getLanguage()).isEqualTo("vi");
        assertThat(customers.consent(email).isNewsletter()).isFalse();
        ShopperPrincipal principal = signedIn(session);
        assertThat(principal.getCustomerId()).isEqualTo(customer.getId());

        mvc.perform(page("/account", session).param("lang", "vi"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Xin chào Mai")))
                .andExpect(content().string(containsString(email)));
    }

    @Test
    void registrationShowsFieldErrorsAndATakenEmailNicely() throws Exception {
        mvc.perform(form("/register", new MockHttpSession(), "email", "nope", "password", "123"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Please enter a valid email address")))
                .andExpect(content().string(containsString("Please use between 6 and 100 characters.")))
                .andExpect(content().string(containsString("Please fill this in.")));
        mvc.perform(form("/register", new MockHttpSession(), "email", DEMO_SHOPPER, "password", "s3cret-pass",
                        "firstName", "Emma", "lastName", "W", "language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("An account with this email already exists")));
    }

    @Test
    void signInPageHasTheFormSecurityExpectsAndShowsFailures() throws Exception {
        mvc.perform(page("/login", new MockHttpSession()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"username\"")))
                .andExpect(content().string(containsString("name=\"password\"")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("href=\"/register\"")));
        mvc.perform(post("/login").with(csrf()).param("username", DEMO_SHOPPER).param("password", "wrong"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(page("/login?error", new MockHttpSession()))
                .andExpect(content().string(containsString("data-test=\"login-error\"")));
    }

    @Test
    void aGuestCartJoinsTheAccountAtSignIn() throws Exception {
        ProductView product = catalog.all(StoreContext.ENGLISH).stream()
                .filter(p -> p.isInStock() && p.getQuantity() >= 10).skip(20).findFirst().orElseThrow();
        MockHttpSession session = new MockHttpSession();
        addToCart(mvc, session, product.getSku(), 1);
        assertThat(session.getAttribute(ShopperCart.SESSION_KEY)).isNotNull();

        mvc.perform(form("/login", session, "username", DEMO_SHOPPER, "password", "password"))
                .andExpect(redirectedUrlPattern("/account*"));

        long customerId = customers.findRegistered(DEMO_SHOPPER).orElseThrow().getId();
        assertThat(carts.openCartOf(customerId, Locale.ENGLISH).orElseThrow().getLines())
                .extracting(CartLine::getSku).contains(product.getSku());
        assertThat(session.getAttribute(ShopperCart.SESSION_KEY)).isNull();
        mvc.perform(page("/cart", session))
                .andExpect(content().string(containsString("data-test=\"cart-line\"")));
    }

    @Test
    void accountPageListsOrdersAndConsentFormTogglesConsent() throws Exception {
        String email = "consent+" + System.nanoTime() + "@example.com";
        MockHttpSession session = new MockHttpSession();
        mvc.perform(form("/register", session, "email", email, "password", "s3cret-pass", "firstName", "Lan",
                "lastName", "Trần", "language", "en"));
        assertThat(customers.consent(email).isNewsletter()).isFalse();

        mvc.perform(form("/account/consent", session, "newsletter", "true", "_newsletter", "on", "_promotions", "on"))
                .andExpect(redirectedUrl("/account#marketing"));
        assertThat(customers.consent(email).isNewsletter()).isTrue();
        assertThat(customers.consent(email).isPromotions()).isFalse();
        mvc.perform(page("/account", session))
                .andExpect(content().string(containsString("Marketing preferences")))
                .andExpect(content().string(containsString("You said yes on")));

        mvc.perform(form("/account/consent", session, "promotions", "true", "_newsletter", "on", "_promotions", "on"));
        assertThat(customers.consent(email).isNewsletter()).isFalse();
        assertThat(customers.consent(email).isPromotions()).isTrue();
    }

    @Test
    void profileFormUpdatesNamesLanguageAndBirthday() throws Exception {
        String email = "profile+" + System.nanoTime() + "@example.com";
        MockHttpSession session = new MockHttpSession();
        mvc.perform(form("/register", session, "email", email, "password", "s3cret-pass", "firstName", "Old",
                "lastName", "Name", "language", "en"));
        mvc.perform(form("/account/profile", session, "firstName", "", "lastName", "X", "language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Please fill this in.")));
        mvc.perform(form("/account/profile", session, "firstName", "Hà", "lastName", "Phạm", "language", "vi",
                        "dateOfBirth", "1988-02-29"))
                .andExpect(redirectedUrl("/account"));
        ProfileForm saved = profiles.profileOf(customers.findRegistered(email).orElseThrow().getId()).orElseThrow();
        assertThat(saved.getFirstName()).isEqualTo("Hà");
        assertThat(saved.getLastName()).isEqualTo("Phạm");
        assertThat(saved.getLanguage()).isEqualTo("vi");
        assertThat(saved.getDateOfBirth()).isEqualTo(java.time.LocalDate.of(1988, 2, 29));
        assertThat(signedIn(session).getFirstName()).isEqualTo("Hà");
    }

    @Test
    void theAccountPageNeedsASignedInShopper() throws Exception {
        mvc.perform(page("/account", new MockHttpSession()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrlPattern("**/login"));
    }

    private static ShopperPrincipal signedIn(MockHttpSession session) {
        SecurityContext context = (SecurityContext) session.getAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(context).isNotNull();
        assertThat(context.getAuthentication().getAuthorities()).extracting(Object::toString).contains("ROLE_CUSTOMER");
        return (ShopperPrincipal) context.getAuthentication().getPrincipal();
    }
}
