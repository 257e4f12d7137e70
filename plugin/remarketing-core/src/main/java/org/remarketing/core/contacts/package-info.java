/**
 * Contacts: the people behind the captured events. {@link org.remarketing.core.contacts.ContactEventProcessor}
 * applies events to the event log and to profiles (identities, merges, aggregates, consent);
 * {@link org.remarketing.core.contacts.ContactSearch}, {@link org.remarketing.core.contacts.ContactDetails},
 * {@link org.remarketing.core.contacts.GdprExport} and {@link org.remarketing.core.contacts.ContactEraser}
 * answer the admin API.
 */
package org.remarketing.core.contacts;
