package org.remarketing.samplestore.security;

import org.remarketing.samplestore.customer.CustomerService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The store's filter chains, in Shopizer's layout:
 * <ol>
 * <li>{@code /api/v*}{@code /private/**}: admin JWT (ROLE_AUTH), stateless; only the login is open. This also
 * covers a plugin's admin API under {@code /api/v1/private/remarketing/**}.</li>
 * <li>{@code /api/v*}{@code /auth/**}: customer JWT (ROLE_AUTH_CUSTOMER), stateless.</li>
 * <li>the rest of {@code /api/**}: the public store API, stateless, open.</li>
 * <li>everything else: the storefront, session based, CSRF on, form login for customers
 * (ROLE_CUSTOMER) guarding {@code /account/**}.</li>
 * </ol>
 * API chains answer refusals with JSON and set no CORS headers (same-origin only, unlike Shopizer).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfig {

    public static final String ADMIN_LOGIN = "/api/v*/private/login";

    @Bean
    @Order(1)
    SecurityFilterChain adminApiSecurity(HttpSecurity http, JwtService jwt, AdminUsers users) throws Exception {
        statelessApi(http.antMatcher("/api/v*/private/**"));
        http.addFilterBefore(new BearerTokenFilter(jwt, JwtService.ADMIN, users::authentication),
                        AnonymousAuthenticationFilter.class)
                .authorizeRequests(a -> a
                        .antMatchers(HttpMethod.POST, ADMIN_LOGIN).permitAll()
                        .anyRequest().hasAuthority(AdminUsers.ROLE_AUTH));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain customerApiSecurity(HttpSecurity http, JwtService jwt, ApiCustomers customers) throws Exception {
        statelessApi(http.antMatcher("/api/v*/auth/**"));
        http.addFilterBefore(new BearerTokenFilter(jwt, JwtService.CUSTOMER, customers::authentication),
                        AnonymousAuthenticationFilter.class)
                .authorizeRequests(a -> a.anyRequest().hasAuthority(ApiCustomers.ROLE_AUTH_CUSTOMER));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain publicApiSecurity(HttpSecurity http) throws Exception {
        statelessApi(http.antMatcher("/api/**"));
        http.authorizeRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain storefrontSecurity(HttpSecurity http, CustomerAuthenticationProvider customers) throws Exception {
        http.authenticationManager(new ProviderManager(customers))
                .authorizeRequests(a -> a
                        .antMatchers("/account", "/account/**").hasAuthority(CustomerAuthenticationProvider.ROLE_CUSTOMER)
                        .anyRequest().permitAll())
                .formLogin(f -> f
                        .loginPage("/login")
                        .loginProcessingUrl("/login")
                        .usernameParameter("username")
                        .passwordParameter("password")
                        .defaultSuccessUrl("/account")
                        .failureUrl("/login?error")
                        .permitAll())
                .logout(l -> l
                        .logoutUrl("/logout")
                        .logoutSuccessUrl("/")
                        .deleteCookies("JSESSIONID")
                        .permitAll())
                .sessionManagement(s -> s.sessionFixation().changeSessionId())
                .headers(h -> h
                        .frameOptions().sameOrigin()
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        return http.build();
    }

    /**
     * The storefront's customer sign-in. Being a bean also keeps Boot from creating its default in-memory user;
     * the storefront chain uses it through its own manager, so no other provider is ever consulted.
     */
    @Bean
    CustomerAuthenticationProvider customerAuthenticationProvider(CustomerService customers) {
        return new CustomerAuthenticationProvider(customers);
    }

    private static void statelessApi(HttpSecurity http) throws Exception {
        http.csrf(c -> c.disable())
                .cors(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .anonymous(a -> { })
                .addFilterAfter(new RequestSizeLimitFilter(), HeaderWriterFilter.class)
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(JsonErrors.unauthorized())
                        .accessDeniedHandler(JsonErrors.forbidden()))
                .headers(h -> h
                        .frameOptions().deny()
                        .cacheControl()
                        .and()
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)));
    }
}
