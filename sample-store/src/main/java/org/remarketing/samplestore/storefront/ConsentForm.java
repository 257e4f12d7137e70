package org.remarketing.samplestore.storefront;

/** The account page's marketing preferences: each box is only ticked by the shopper. */
public class ConsentForm {

    private boolean newsletter;
    private boolean promotions;

    public boolean isNewsletter() { return newsletter; }
    public void setNewsletter(boolean newsletter) { this.newsletter = newsletter; }
    public boolean isPromotions() { return promotions; }
    public void setPromotions(boolean promotions) { this.promotions = promotions; }
}
