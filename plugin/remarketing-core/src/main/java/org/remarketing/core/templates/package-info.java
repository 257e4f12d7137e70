/**
 * FreeMarker rendering of the plugin's templates, overridable by the host.
 */
package org.remarketing.core.templates;
