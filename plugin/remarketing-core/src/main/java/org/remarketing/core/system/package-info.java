/**
 * Install-wide concerns: the install secret, the plugin's version and status.
 */
package org.remarketing.core.system;
