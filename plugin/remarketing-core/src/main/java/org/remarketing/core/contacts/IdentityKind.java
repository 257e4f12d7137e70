package org.remarketing.core.contacts;

/** The kinds of identifier that point at a contact ({@code rmk_contact_identity.kind}). */
public enum IdentityKind {

	/** The first-party visitor cookie of one browser. */
	VISITOR,

	/** The store's customer id. */
	CUSTOMER,

	/** An email address, lower-cased. */
	EMAIL,

	/**
	 * A store cart's code, named by the store's own events. Proves nothing about a person (a cart
	 * code is no secret): it only leads the cart's events that name no one (a headless shop calling
	 * the store's API without the visitor cookie) to the cart's contact, and a contact that has
	 * nothing but carts to the first identified event of one of them.
	 */
	CART

}
