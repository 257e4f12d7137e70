/**
 * Ports toward the store (Shopizer or another host): what the plugin reads from it.
 */
package org.remarketing.core.shop;
