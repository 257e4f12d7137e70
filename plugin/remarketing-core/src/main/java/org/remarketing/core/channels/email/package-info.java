/**
 * The email channel's content: turns an {@link org.remarketing.core.channels.email.EmailModel}
 * into a finished email (subject, HTML part, plain-text part) with the plugin's FreeMarker
 * templates under {@code remarketing/templates/email/}.
 */
package org.remarketing.core.channels.email;
