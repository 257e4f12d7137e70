package org.remarketing.samplestore.storefront;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Date;
import java.util.Locale;

import org.remarketing.samplestore.store.StoreContext;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Prices and dates in the shopper's language, for templates: {@code ${@shopFormat.money(p)}}.
 * The store sells in US dollars whatever the language: $12.50 in English, 12,50 US$ in Vietnamese.
 */
@Component("shopFormat")
public class ShopFormat {

    private static final Currency USD = Currency.getInstance("USD");

    /** Changes with every start, so browsers fetch the CSS of a new version at once. */
    private final String assetVersion = Long.toString(System.currentTimeMillis() / 1000, 36);

    public String getAssetVersion() {
        return assetVersion;
    }

    public String money(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        Locale locale = StoreContext.supported(LocaleContextHolder.getLocale());
        NumberFormat format = NumberFormat.getCurrencyInstance(
                locale.equals(StoreContext.VIETNAMESE) ? new Locale("vi", "VN") : Locale.US);
        format.setCurrency(USD);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(amount.setScale(2, RoundingMode.HALF_UP));
    }

    public String date(Date date) {
        if (date == null) {
            return "";
        }
        Locale locale = StoreContext.supported(LocaleContextHolder.getLocale());
        DateTimeFormatter formatter = locale.equals(StoreContext.VIETNAMESE)
                ? DateTimeFormatter.ofPattern("dd/MM/yyyy", locale)
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(Locale.US);
        return formatter.format(java.time.Instant.ofEpochMilli(date.getTime()).atZone(ZoneId.systemDefault()).toLocalDate());
    }
}
