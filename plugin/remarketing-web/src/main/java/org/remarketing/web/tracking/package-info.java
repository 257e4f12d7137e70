/**
 * Browser tracking: {@code tracker.js}, the public events endpoint, the first-party visitor cookie
 * and the filter that tells the store's hooks which visitor made a request.
 */
package org.remarketing.web.tracking;
