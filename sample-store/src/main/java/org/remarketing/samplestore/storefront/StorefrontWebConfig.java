package org.remarketing.samplestore.storefront;

import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.remarketing.samplestore.store.StoreContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.context.i18n.TimeZoneAwareLocaleContext;
import org.springframework.http.CacheControl;
import org.springframework.lang.Nullable;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The shopper's language: {@code ?lang=en|vi} on any page switches it and a cookie keeps it;
 * English until the shopper chooses. Only the store's two languages ever come out of it.
 */
@Configuration(proxyBeanMethods = false)
class StorefrontWebConfig implements WebMvcConfigurer {

    static final String LANGUAGE_COOKIE = "sample_lang";
    static final String LANGUAGE_PARAM = "lang";

    @Bean(name = "localeResolver")
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new StoreLocaleResolver();
        resolver.setCookieName(LANGUAGE_COOKIE);
        resolver.setCookieMaxAge(365 * 24 * 3600);
        resolver.setCookiePath("/");
        resolver.setCookieHttpOnly(true);
        resolver.setDefaultLocale(StoreContext.ENGLISH);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
        interceptor.setParamName(LANGUAGE_PARAM);
        interceptor.setIgnoreInvalidLocale(true);
        registry.addInterceptor(interceptor).excludePathPatterns("/api/**");
    }

    /** The storefront's own CSS, script and icons; cached for a day, revalidated by Last-Modified after. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(CacheControl.maxAge(1, TimeUnit.DAYS).cachePublic());
    }

    /** Maps whatever a cookie or parameter says onto en or vi. */
    static final class StoreLocaleResolver extends CookieLocaleResolver {

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return StoreContext.supported(super.resolveLocale(request));
        }

        @Override
        public LocaleContext resolveLocaleContext(HttpServletRequest request) {
            LocaleContext context = super.resolveLocaleContext(request);
            // lazy, like the parent's: ?lang= changes the locale after the context was built
            return new TimeZoneAwareLocaleContext() {
                @Override
                public Locale getLocale() { return StoreContext.supported(context.getLocale()); }
                @Override
                public TimeZone getTimeZone() {
                    return context instanceof TimeZoneAwareLocaleContext
                            ? ((TimeZoneAwareLocaleContext) context).getTimeZone() : null;
                }
            };
        }

        @Override
        public void setLocaleContext(HttpServletRequest request, @Nullable HttpServletResponse response,
                                     @Nullable LocaleContext localeContext) {
            Locale wanted = localeContext == null ? null : localeContext.getLocale();
            super.setLocaleContext(request, response,
                    wanted == null ? null : new SimpleLocaleContext(StoreContext.supported(wanted)));
        }
    }
}
