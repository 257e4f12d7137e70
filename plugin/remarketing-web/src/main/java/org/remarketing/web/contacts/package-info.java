/**
 * The admin REST API for contacts: search, details with the timeline, GDPR export and erasure.
 */
package org.remarketing.web.contacts;
