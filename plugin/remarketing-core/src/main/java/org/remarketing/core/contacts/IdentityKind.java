package org.remarketing.core.contacts;

/** The kinds of identifier that point at a contact ({@code rmk_contact_identity.kind}). */
public enum IdentityKind {

	/** The first-party visitor cookie of one browser. */
	VISITOR,

	/** The store's customer id. */
	CUSTOMER,

	/** An email address, lower-cased. */
	EMAIL

}
