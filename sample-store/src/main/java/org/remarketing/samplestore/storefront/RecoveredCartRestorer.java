package org.remarketing.samplestore.storefront;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.remarketing.core.channels.email.RecoveryLine;
import org.remarketing.core.channels.email.RecoveryTarget;
import org.remarketing.samplestore.cart.CartException;
import org.remarketing.samplestore.cart.CartLine;
import org.remarketing.samplestore.cart.CartService;
import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.catalog.ProductView;
import org.remarketing.web.email.CartRestorer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings the cart of a reminder email back into this browser, as a guest cart, then shows the cart
 * page. A guest's own open cart is handed back as it is (its code goes into the session and the
 * cart cookie, as when the guest filled it); a cart that belongs to a registered customer, was
 * ordered or is gone is never handed out: a new guest cart gets the same products instead. Nobody
 * is signed in and Spring Security's context is never touched: whoever opens a forwarded link
 * gets the products, not the customer's cart or account (CVE-2023-2986 was a recovery link that
 * signed people in).
 */
@Component
class RecoveredCartRestorer implements CartRestorer {

    private static final Logger log = LoggerFactory.getLogger(RecoveredCartRestorer.class);

    private final CartService carts;
    private final CatalogService catalog;
    private final ShopperCart shopperCart;

    RecoveredCartRestorer(CartService carts, CatalogService catalog, ShopperCart shopperCart) {
        this.carts = carts;
        this.catalog = catalog;
        this.shopperCart = shopperCart;
    }

    @Override
    public void restore(RecoveryTarget target, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = Locale.ENGLISH;
        Optional<CartView> cart = target.cartCode().flatMap(code -> carts.find(code, locale));
        String code;
        if (cart.isPresent() && cart.get().getCustomerId() == null && !cart.get().isOrdered() && !cart.get().isEmpty()) {
            code = cart.get().getCode();
        } else {
            code = copy(lines(target, cart), request.getRemoteAddr(), locale);
        }
        if (code != null) {
            shopperCart.remember(request, response, code);
        }
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.setHeader("Location", request.getContextPath() + "/cart");
    }

    /** The products the email was about; the stored cart's lines only when the run kept none. */
    private List<Line> lines(RecoveryTarget target, Optional<CartView> cart) {
        List<Line> lines = new ArrayList<>();
        for (RecoveryLine line : target.lines()) {
            Optional<String> sku = line.sku().or(() -> line.productId().flatMap(id -> catalog.product(id, Locale.ENGLISH))
                    .map(ProductView::getSku));
            sku.ifPresent(s -> lines.add(new Line(s, line.quantity())));
        }
        if (lines.isEmpty() && cart.isPresent()) {
            for (CartLine line : cart.get().getLines()) {
                lines.add(new Line(line.getSku(), line.getQuantity()));
            }
        }
        return lines;
    }

    /** A new guest cart holding what can still be bought of {@code lines}; null when nothing can. */
    private String copy(List<Line> lines, String ipAddress, Locale locale) {
        String code = null;
        for (Line line : lines) {
            try {
                code = (code == null) ? carts.create(line.sku, line.quantity, null, ipAddress, locale).getCode()
                        : carts.add(code, line.sku, line.quantity, locale).getCode();
            } catch (CartException e) {
                // sold out or withdrawn since the email: the other products still come back
                log.debug("A recovered cart line was left out: {}", e.getReason());
            }
        }
        return code;
    }

    private static final class Line {

        final String sku;
        final int quantity;

        Line(String sku, int quantity) {
            this.sku = sku;
            this.quantity = Math.max(1, Math.min(CartService.MAX_QUANTITY, quantity));
        }
    }
}
