package org.remarketing.samplestore.customer;

import java.util.Date;

/** A shopper's marketing choices as the store records them (CUSTOMER_OPTIN rows). */
public final class ConsentChoices {

    private final boolean newsletter;
    private final Date newsletterSince;
    private final boolean promotions;
    private final Date promotionsSince;

    public ConsentChoices(boolean newsletter, Date newsletterSince, boolean promotions, Date promotionsSince) {
        this.newsletter = newsletter;
        this.newsletterSince = newsletterSince;
        this.promotions = promotions;
        this.promotionsSince = promotionsSince;
    }

    public boolean isNewsletter() { return newsletter; }
    public Date getNewsletterSince() { return newsletterSince; }
    public boolean isPromotions() { return promotions; }
    public Date getPromotionsSince() { return promotionsSince; }
}
