package org.remarketing.samplestore.storefront;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import javax.validation.Valid;

import com.salesmanager.core.model.common.Billing;

import org.remarketing.samplestore.cart.CartException;
import org.remarketing.samplestore.cart.CartView;
import org.remarketing.samplestore.checkout.CheckoutException;
import org.remarketing.samplestore.checkout.CheckoutRequest;
import org.remarketing.samplestore.checkout.CheckoutService;
import org.remarketing.samplestore.checkout.PlacedOrder;
import org.remarketing.samplestore.customer.Address;
import org.remarketing.samplestore.customer.CustomerException;
import org.remarketing.samplestore.customer.CustomerService;
import org.remarketing.samplestore.order.OrderQueries;
import org.remarketing.samplestore.order.OrderSummary;
import org.remarketing.samplestore.security.ShopperPrincipal;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The checkout in three steps — contact email, shipping address, (simulated) payment — each
 * validated and kept in the session until the order is placed.
 */
@Controller
class CheckoutController {

    static final String PLACED_ORDERS = "storefront.placedOrders";
    static final List<String> COUNTRIES = List.of("US", "VN", "CA", "FR");
    static final List<String> PAYMENT_METHODS = List.of("CREDITCARD", "COD");

    private static final String STEP_CONTACT = "checkout/contact";
    private static final String STEP_SHIPPING = "checkout/shipping";
    private static final String STEP_PAYMENT = "checkout/payment";

    private final ShopperCart shopperCart;
    private final CheckoutService checkout;
    private final CustomerService customers;
    private final OrderQueries orders;
    private final MessageSource messages;

    CheckoutController(ShopperCart shopperCart, CheckoutService checkout, CustomerService customers,
                       OrderQueries orders, MessageSource messages) {
        this.shopperCart = shopperCart;
        this.checkout = checkout;
        this.customers = customers;
        this.orders = orders;
        this.messages = messages;
    }

    // ---- step 1: contact

    @GetMapping("/checkout")
    String initContact(HttpServletRequest request, @AuthenticationPrincipal ShopperPrincipal shopper, Locale locale,
                       Model model, RedirectAttributes flash) {
        Optional<CartView> cart = cartOrRedirect(request, shopper, locale, flash);
        if (cart.isEmpty()) {
            return "redirect:/cart";
        }
        CheckoutState state = state(request.getSession());
        ContactForm form = new ContactForm();
        form.setEmail(shopper != null ? shopper.getEmail() : state.getEmail());
        form.setNewsletter(state.isNewsletter());
        model.addAttribute("contact", form);
        return contactPage(model, cart.get());
    }

    @PostMapping("/checkout")
    String processContact(@Valid @ModelAttribute("contact") ContactForm form, BindingResult result,
                          HttpServletRequest request, @AuthenticationPrincipal ShopperPrincipal shopper, Locale locale,
                          Model model, RedirectAttributes flash) {
        Optional<CartView> cart = cartOrRedirect(request, shopper, locale, flash);
        if (cart.isEmpty()) {
            return "redirect:/cart";
        }
        if (shopper != null) {
            // a signed-in shopper's order goes to their account's address
            form.setEmail(shopper.getEmail());
        } else if (result.hasErrors()) {
            return contactPage(model, cart.get());
        }
        state(request.getSession()).setContact(form.getEmail(), form.isNewsletter());
        return "redirect:/checkout/shipping";
    }

    // ---- step 2: shipping address

    @GetMapping("/checkout/shipping")
    String initShipping(HttpServletRequest request, @AuthenticationPrincipal ShopperPrincipal shopper, Locale locale,
                        Model model, RedirectAttributes flash) {
        Optional<CartView> cart = cartOrRedirect(request, shopper, locale, flash);
        if (cart.isEmpty()) {
            return "redirect:/cart";
        }
        CheckoutState state = state(request.getSession());
        if (!state.hasContact()) {
            return "redirect:/checkout";
        }
        Address address = state.hasAddress() ? state.toAddress() : prefilled(shopper, locale);
        model.addAttribute("address", address);
        return shippingPage(model, cart.get(), state);
    }

    @PostMapping("/checkout/shipping")
    String processShipping(@Valid @ModelAttribute("address") Address address, BindingResult result,
                           HttpServletRequest request, @AuthenticationPrincipal ShopperPrincipal shopper, Locale locale,
                           Model model, RedirectAttributes flash) {
        Optional<CartView> cart = cartOrRedirect(request, shopper, locale, flash);
        if (cart.isEmpty()) {
            return "redirect:/cart";
        }
        CheckoutState state = state(request.getSession());
        if (!state.hasContact()) {
            return "redirect:/checkout";
        }
        // what a parcel needs, beyond what Address itself requires
        requireText(address.getAddress(), "address", result);
        requireText(address.getCity(), "city", result);
        requireText(address.getPostalCode(), "postalCode", result);
        if (!result.hasFieldErrors("country")
                && (address.getCountry() == null || !COUNTRIES.contains(address.getCountry().toUpperCase(Locale.ROOT)))) {
            result.rejectValue("country", "checkout.country.unsupported");
        }
        if (result.hasErrors()) {
            return shippingPage(model, cart.get(), state);
        }
        state.setAddress(address);
        return "redirect:/checkout/payment";
    }

    // ---- step 3: payment and summary

    @GetMapping("/checkout/payment")
    String initPayment(HttpServletRequest request, @AuthenticationPrincipal ShopperPrincipal shopper, Locale locale,
                       Model model, RedirectAttributes flash) {
        Optional<CartView> cart = cartOrRedirect(request, shopper, locale, flash);
        if (cart.isEmpty()) {
            return "redirect:/cart";
        }
        CheckoutState state = state(request.getSession());
        if (!state.hasContact()) {
            return "redirect:/checkout";
        }
        if (!state.hasAddress()) {
            return "redirect:/checkout/shipping";
        }
        model.addAttribute("cart", cart.get());
        model.addAttribute("checkout", state);
        model.addAttribute("paymentMethods", PAYMENT_METHODS);
        model.addAttribute("step", 3);
        return STEP_PAYMENT;
    }

    @PostMapping("/checkout/place")
    String place(@RequestParam(required = false) String paymentMethod, @RequestParam(required = false) String amount,
                 HttpServletRequest request, HttpServletResponse response,
                 @AuthenticationPrincipal ShopperPrincipal shopper, Locale locale, RedirectAttributes flash) {
        Optional<CartView> cart = cartOrRedirect(request, shopper, locale, flash);
        if (cart.isEmpty()) {
            return "redirect:/cart";
        }
        HttpSession session = request.getSession();
        CheckoutState state = state(session);
        if (!state.hasContact()) {
            return "redirect:/checkout";
        }
        if (!state.hasAddress()) {
            return "redirect:/checkout/shipping";
        }
        if (paymentMethod == null || !PAYMENT_METHODS.contains(paymentMethod)) {
            flash.addFlashAttribute(CartController.FLASH_ERROR, message("checkout.payment.required", locale));
            return "redirect:/checkout/payment";
        }
        state.setPaymentMethod(paymentMethod);

        CheckoutRequest order = new CheckoutRequest();
        order.setEmail(shopper != null ? shopper.getEmail() : state.getEmail());
        order.setBilling(state.toAddress());
        order.setPaymentMethod(paymentMethod);
        order.setNewsletter(state.isNewsletter());
        order.setAmount(parseAmount(amount));
        PlacedOrder placed;
        try {
            placed = checkout.checkout(cart.get().getCode(), order, shopper == null ? null : shopper.getCustomerId(),
                    request.getRemoteAddr(), locale);
        } catch (CheckoutException e) {
            if (e.getReason() == CheckoutException.Reason.EMAIL_TOO_LONG) {
                flash.addFlashAttribute(CartController.FLASH_ERROR, message("checkout.error.email-too-long", locale));
                return "redirect:/checkout";
            }
            flash.addFlashAttribute(CartController.FLASH_ERROR, message(
                    e.getReason() == CheckoutException.Reason.AMOUNT_MISMATCH ? "checkout.error.changed"
                            : "checkout.payment.required", locale));
            return "redirect:/checkout/payment";
        } catch (CustomerException e) {
            flash.addFlashAttribute(CartController.FLASH_ERROR, message("checkout.country.unsupported", locale));
            return "redirect:/checkout/shipping";
        } catch (CartException e) {
            flash.addFlashAttribute(CartController.FLASH_ERROR, message("checkout.error.cart", locale));
            return "redirect:/cart";
        }
        session.removeAttribute(CheckoutState.SESSION_KEY);
        shopperCart.forgetGuestCart(request, response);
        placedOrders(session).add(placed.getOrderId());
        return "redirect:/checkout/confirmation/" + placed.getOrderId();
    }

    @GetMapping("/checkout/confirmation/{orderId}")
    String confirmation(@PathVariable long orderId, HttpServletRequest request,
                        @AuthenticationPrincipal ShopperPrincipal shopper, Model model) {
        // an order's details are for the browser that placed it, or the account that owns it
        OrderSummary order = orders.find(orderId)
                .filter(o -> placedOrders(request.getSession()).contains(o.getId())
                        || (shopper != null && o.getCustomerId() != null && o.getCustomerId() == shopper.getCustomerId()))
                .orElseThrow(CatalogController::notFound);
        model.addAttribute("order", order);
        BigDecimal items = order.getLines().stream()
                .map(l -> l.getPrice() == null ? BigDecimal.ZERO : l.getPrice().multiply(BigDecimal.valueOf(l.getQuantity())))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        model.addAttribute("subtotal", items);
        model.addAttribute("shipping", order.getTotal() == null ? BigDecimal.ZERO : order.getTotal().subtract(items).max(BigDecimal.ZERO));
        return "checkout/confirmation";
    }

    // ---- helpers

    private String contactPage(Model model, CartView cart) {
        model.addAttribute("cart", cart);
        model.addAttribute("step", 1);
        return STEP_CONTACT;
    }

    private String shippingPage(Model model, CartView cart, CheckoutState state) {
        model.addAttribute("cart", cart);
        model.addAttribute("checkout", state);
        model.addAttribute("countries", COUNTRIES);
        model.addAttribute("step", 2);
        return STEP_SHIPPING;
    }

    private Optional<CartView> cartOrRedirect(HttpServletRequest request, ShopperPrincipal shopper, Locale locale,
                                              RedirectAttributes flash) {
        Optional<CartView> cart = shopperCart.current(request, shopper, locale).filter(c -> !c.isEmpty());
        if (cart.isEmpty()) {
            flash.addFlashAttribute(CartController.FLASH_ERROR, message("checkout.error.empty", locale));
        }
        return cart;
    }

    private Address prefilled(ShopperPrincipal shopper, Locale locale) {
        Address address = new Address();
        address.setCountry(StoreContext.VIETNAMESE.equals(StoreContext.supported(locale)) ? "VN" : "US");
        if (shopper != null) {
            customers.find(shopper.getCustomerId()).map(c -> c.getBilling()).ifPresent((Billing b) -> {
                address.setFirstName(b.getFirstName());
                address.setLastName(b.getLastName());
                address.setAddress(b.getAddress());
                address.setCity(b.getCity());
                address.setPostalCode(b.getPostalCode());
                address.setTelephone(b.getTelephone());
            });
        }
        return address;
    }

    private static void requireText(String value, String field, BindingResult result) {
        if (!result.hasFieldErrors(field) && (value == null || value.isBlank())) {
            result.rejectValue(field, "NotBlank");
        }
    }

    private static BigDecimal parseAmount(String amount) {
        try {
            return amount == null || amount.isBlank() ? null : new BigDecimal(amount.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static CheckoutState state(HttpSession session) {
        Object state = session.getAttribute(CheckoutState.SESSION_KEY);
        if (state instanceof CheckoutState) {
            return (CheckoutState) state;
        }
        CheckoutState fresh = new CheckoutState();
        session.setAttribute(CheckoutState.SESSION_KEY, fresh);
        return fresh;
    }

    @SuppressWarnings("unchecked")
    static Set<Long> placedOrders(HttpSession session) {
        Object placed = session.getAttribute(PLACED_ORDERS);
        if (placed instanceof Set) {
            return (Set<Long>) placed;
        }
        Set<Long> fresh = new HashSet<>();
        session.setAttribute(PLACED_ORDERS, fresh);
        return fresh;
    }

    private String message(String code, Locale locale) {
        return messages.getMessage(code, null, locale);
    }
}
