package org.remarketing.samplestore.api;

import java.util.Locale;

import org.remarketing.samplestore.store.StoreContext;

/** Shopizer's {@code ?store=DEFAULT&lang=en} query parameters: one store, English or Vietnamese. */
public final class StoreParams {

    private StoreParams() {
    }

    /** The description language for {@code lang} (en when absent or unknown); refuses other stores. */
    public static Locale locale(String store, String lang) {
        if (store != null && !store.isEmpty() && !StoreContext.STORE_CODE.equalsIgnoreCase(store)) {
            throw ApiException.notFound("No store with code " + (store.length() > 20 ? store.substring(0, 20) : store));
        }
        if (lang != null && lang.length() > 10) {
            throw ApiException.badRequest("Invalid lang");
        }
        return StoreContext.forLanguageCode(lang);
    }

    /** Page index (0-based) and size within bounds. */
    public static int page(Integer page) {
        if (page == null) {
            return 0;
        }
        if (page < 0 || page > 100_000) {
            throw ApiException.badRequest("page must be between 0 and 100000");
        }
        return page;
    }

    public static int count(Integer count, int fallback) {
        if (count == null) {
            return fallback;
        }
        if (count < 1 || count > 100) {
            throw ApiException.badRequest("count must be between 1 and 100");
        }
        return count;
    }

    public static int totalPages(long total, int count) {
        return (int) ((total + count - 1) / count);
    }
}
