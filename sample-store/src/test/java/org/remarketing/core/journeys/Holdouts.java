package org.remarketing.core.journeys;

/**
 * The engine's holdout rule, for the sample store's end-to-end tests: they set a journey's holdout
 * share so that the shoppers they choose are held out (or messaged) before those enter it. Lives
 * in the engine's package, on the test class path only, so the rule stays package-private in core.
 */
public final class Holdouts {

    private Holdouts() {
    }

    /**
     * The contact's bucket (0–99) for the journey: its runs are held out when the journey's holdout
     * share is above it.
     */
    public static int bucket(String journeyCode, long contactId) {
        int percent = 1;
        while (!JourneyEngine.inHoldout(journeyCode, contactId, percent)) {
            percent++;
        }
        return percent - 1;
    }
}
