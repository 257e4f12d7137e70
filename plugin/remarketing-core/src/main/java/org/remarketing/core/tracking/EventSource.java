package org.remarketing.core.tracking;

/** Where an event came from; decides how far its identifiers are trusted. */
public enum EventSource {
    /** The store's own committed writes (Hibernate listeners): identities are verified. */
    STORE,
    /** tracker.js in a shopper's browser: identities it claims are not proof of anything. */
    BROWSER,
    /** The plugin itself (consent changes, merges, erasures). */
    PLUGIN,
    /**
     * The store's own records from before the plugin captured anything, imported from its tables
     * (customers, orders, newsletter opt-ins, open carts): trusted as the store's, like {@link #STORE}.
     */
    IMPORT
}
