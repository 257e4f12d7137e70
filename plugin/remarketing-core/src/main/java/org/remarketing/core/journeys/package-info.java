/**
 * Journeys: a contact entering a segment starts a run; each step becomes one message with a
 * unique send key, held by db-scheduler until its time, checked again at send time (order, consent,
 * suppression, caps, quiet hours) and sent at most once; a random, stable holdout share gets nothing
 * so that the lift is measured.
 */
package org.remarketing.core.journeys;
