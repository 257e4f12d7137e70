/**
 * The admin REST API for journeys and their messages: the journeys with their results over a
 * period, one journey's definition with its funnel and lift against the holdout (and the 95 %
 * confidence interval of the difference), edits, template previews and test sends, and the
 * message log with each message's content and events.
 */
package org.remarketing.web.journeys;
