/**
 * The admin REST API for segments: the list with sizes, custom segments and their rules,
 * built-in thresholds, live counts, members, size history, CSV export and rebuilds.
 */
package org.remarketing.web.segments;
