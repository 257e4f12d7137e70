package org.remarketing.core.tracking;

/**
 * Who is behind the current request, as far as the plugin knows before the store's code runs:
 * the first-party visitor id from the shopper's cookie. A web filter sets it for the duration of
 * a storefront or API request; the store's Hibernate hooks read it, so a cart change is tied to
 * the browser that made it without trusting anything the browser claims in a body.
 */
public final class ShopperContext {

    private final ThreadLocal<String> visitorId = new ThreadLocal<>();

    /** Runs {@code work} with the visitor bound to this thread; restores the previous value after. */
    public void runAs(String visitor, Runnable work) {
        String previous = visitorId.get();
        visitorId.set(visitor);
        try {
            work.run();
        }
        finally {
            if (previous == null) {
                visitorId.remove();
            }
            else {
                visitorId.set(previous);
            }
        }
    }

    /** The visitor of the request on this thread, or null (no cookie, no consent, not a request). */
    public String currentVisitorId() {
        return visitorId.get();
    }
}
