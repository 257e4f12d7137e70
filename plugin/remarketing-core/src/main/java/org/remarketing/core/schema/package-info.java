/**
 * The plugin's tables and their Flyway migrations.
 */
package org.remarketing.core.schema;
