/**
 * The public endpoints behind the links of the plugin's emails (docs/email-links.md): unsubscribe
 * (with RFC 8058 one-click), preferences, tracked clicks, the open pixel and cart recovery, each
 * carrying a signed token; and {@link org.remarketing.web.email.CartRestorer}, the store's way of
 * putting a recovered cart into the browser without signing anyone in.
 */
package org.remarketing.web.email;
