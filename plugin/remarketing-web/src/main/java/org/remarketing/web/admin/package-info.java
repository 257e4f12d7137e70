/**
 * The plugin's admin screens and admin REST API.
 */
package org.remarketing.web.admin;
