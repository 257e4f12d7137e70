package org.remarketing.samplestore.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The chains' rules that hold without any data: who is refused where, and how. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:security;MODE=MySQL;NON_KEYWORDS=VALUE;DB_CLOSE_DELAY=-1",
        "sample.mail.embedded=false"})
@AutoConfigureMockMvc
class SecurityConfigTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JwtService jwt;

    @Test
    void privateApiWantsAToken() throws Exception {
        mvc.perform(get("/api/v1/private/orders"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").exists())
                .andExpect(header().doesNotExist("Set-Cookie"));
    }

    @Test
    void pluginAdminApiIsProtectedByPath() throws Exception {
        mvc.perform(get("/api/v1/private/remarketing/anything")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/private/remarketing/anything")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v2/private/remarketing/status")).andExpect(status().isUnauthorized());
    }

    @Test
    void customerTokenNeverPassesTheAdminChain() throws Exception {
        String customerToken = jwt.issue(1, JwtService.CUSTOMER);
        mvc.perform(get("/api/v1/private/orders").header("Authorization", "Bearer " + customerToken))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void adminTokenNeverPassesTheCustomerChain() throws Exception {
        String adminToken = jwt.issue(1, JwtService.ADMIN);
        mvc.perform(get("/api/v1/auth/customer/cart").header("Authorization", "Bearer " + adminToken))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.message").exists());
    }

    @Test
    void forgedAndGarbageTokensAreRefused() throws Exception {
        String other = new JwtService("x".repeat(64)).issue(1, JwtService.ADMIN);
        mvc.perform(get("/api/v1/private/orders").header("Authorization", "Bearer " + other))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/private/orders").header("Authorization", "Bearer not.a.jwt"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void tokenTypesAreChecked() {
        String token = jwt.issue(42, JwtService.ADMIN);
        org.assertj.core.api.Assertions.assertThat(jwt.subject(token, JwtService.ADMIN)).contains(42L);
        org.assertj.core.api.Assertions.assertThat(jwt.subject(token, JwtService.CUSTOMER)).isEmpty();
    }

    @Test
    void accountNeedsASignedInCustomer() throws Exception {
        mvc.perform(get("/account")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrlPattern("**/login"));
    }

    @Test
    void storefrontFormsNeedCsrf() throws Exception {
        mvc.perform(post("/login").param("username", "a@b.c").param("password", "x"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/login").param("username", "nobody@example.com").param("password", "wrong").with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", "/login?error"));
    }

    @Test
    void apiPostsNeedNoCsrfAndStorefrontSendsSecurityHeaders() throws Exception {
        mvc.perform(get("/"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "SAMEORIGIN"));
        mvc.perform(get("/api/v1/private/orders"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().doesNotExist("Access-Control-Allow-Origin"));
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        mvc.perform(post("/api/v1/cart").contentType("application/json")
                        .content("{\"product\":\"" + "x".repeat(70_000) + "\",\"quantity\":1}"))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(jsonPath("$.message").exists());
    }
}
