/**
 * The adapter to Shopizer: the only package that knows Shopizer's tables and classes.
 */
package org.remarketing.shopizer;
