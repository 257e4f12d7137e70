package org.remarketing.samplestore.storefront;

import java.util.Locale;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.validation.Valid;

import com.salesmanager.core.model.customer.Customer;

import org.remarketing.samplestore.customer.ConsentChoices;
import org.remarketing.samplestore.customer.CustomerException;
import org.remarketing.samplestore.customer.CustomerService;
import org.remarketing.samplestore.customer.Registration;
import org.remarketing.samplestore.order.OrderQueries;
import org.remarketing.samplestore.security.ShopperPrincipal;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Sign-in page, registration, and the shopper's account: orders, profile, marketing choices. */
@Controller
class AccountController {

    private static final String LOGIN = "account/login";
    private static final String REGISTER = "account/register";
    private static final String ACCOUNT = "account/account";

    private final CustomerService customers;
    private final AccountProfiles profiles;
    private final OrderQueries orders;
    private final ShopperSignIn signIn;
    private final ShopperCart shopperCart;
    private final LocaleResolver localeResolver;
    private final MessageSource messages;

    AccountController(CustomerService customers, AccountProfiles profiles, OrderQueries orders, ShopperSignIn signIn, ShopperCart shopperCart,
                      LocaleResolver localeResolver, MessageSource messages) {
        this.customers = customers;
        this.profiles = profiles;
        this.orders = orders;
        this.signIn = signIn;
        this.shopperCart = shopperCart;
        this.localeResolver = localeResolver;
        this.messages = messages;
    }

    /** The form Spring Security's form login posts from: fields username and password. */
    @GetMapping("/login")
    String login(@AuthenticationPrincipal ShopperPrincipal shopper, HttpServletRequest request, Model model) {
        if (shopper != null) {
            return "redirect:/account";
        }
        // Spring Security redirects to /login?error after a failed attempt
        model.addAttribute("loginError", request.getParameterMap().containsKey("error"));
        model.addAttribute("loggedOut", request.getParameterMap().containsKey("logout"));
        return LOGIN;
    }

    @GetMapping("/register")
    String initRegister(@AuthenticationPrincipal ShopperPrincipal shopper, Locale locale, Model model) {
        if (shopper != null) {
            return "redirect:/account";
        }
        Registration form = new Registration();
        form.setLanguage(StoreContext.supported(locale).getLanguage());
        model.addAttribute("registration", form);
        return REGISTER;
    }

    @PostMapping("/register")
    String processRegister(@Valid @ModelAttribute("registration") Registration form, BindingResult result,
                           HttpServletRequest request, HttpServletResponse response, Locale locale,
                           RedirectAttributes flash) {
        if (result.hasErrors()) {
            return REGISTER;
        }
        form.setCountry("VN".equalsIgnoreCase(form.getCountry()) ? "VN" : "US");
        Customer customer;
        try {
            customer = customers.register(form);
        } catch (CustomerException e) {
            if (e.getReason() == CustomerException.Reason.EMAIL_TAKEN) {
                result.rejectValue("email", "register.email.taken");
            } else {
                result.reject("register.error");
            }
            return REGISTER;
        }
        ShopperPrincipal principal = new ShopperPrincipal(customer.getId(), customer.getEmailAddress(), form.getFirstName());
        signIn.signIn(principal, request, response, true);
        shopperCart.mergeInto(request, response, customer.getId(), locale);
        localeResolver.setLocale(request, response, StoreContext.forLanguageCode(form.getLanguage()));
        flash.addFlashAttribute(CartController.FLASH_SUCCESS, messages.getMessage("register.welcome",
                new Object[] {form.getFirstName()}, StoreContext.forLanguageCode(form.getLanguage())));
        return "redirect:/account";
    }

    @GetMapping("/account")
    String account(@AuthenticationPrincipal ShopperPrincipal shopper, Model model) {
        if (shopper == null) {
            return "redirect:/login";
        }
        ProfileForm profile = profiles.profileOf(shopper.getCustomerId()).orElse(null);
        if (profile == null) {
            return "redirect:/login";
        }
        model.addAttribute("profile", profile);
        return accountPage(shopper, model);
    }

    @PostMapping("/account/profile")
    String updateProfile(@Valid @ModelAttribute("profile") ProfileForm form, BindingResult result,
                         @AuthenticationPrincipal ShopperPrincipal shopper, Model model,
                         HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
        if (shopper == null) {
            return "redirect:/login";
        }
        if (result.hasErrors()) {
            return accountPage(shopper, model);
        }
        customers.updateProfile(shopper.getCustomerId(), form.getFirstName().trim(), form.getLastName().trim(),
                form.getLanguage(), form.getDateOfBirth());
        // the header greets the shopper by the name they just gave
        signIn.signIn(new ShopperPrincipal(shopper.getCustomerId(), shopper.getEmail(), form.getFirstName().trim()),
                request, response, false);
        Locale chosen = StoreContext.forLanguageCode(form.getLanguage());
        localeResolver.setLocale(request, response, chosen);
        flash.addFlashAttribute(CartController.FLASH_SUCCESS, messages.getMessage("account.profile.saved", null, chosen));
        return "redirect:/account";
    }

    @PostMapping("/account/consent")
    String updateConsent(@ModelAttribute("consentForm") ConsentForm form, @AuthenticationPrincipal ShopperPrincipal shopper,
                         Locale locale, RedirectAttributes flash) {
        if (shopper == null) {
            return "redirect:/login";
        }
        Customer customer = customers.find(shopper.getCustomerId()).orElse(null);
        String first = customer == null || customer.getBilling() == null ? shopper.getFirstName() : customer.getBilling().getFirstName();
        String last = customer == null || customer.getBilling() == null ? null : customer.getBilling().getLastName();
        customers.setConsent(shopper.getEmail(), first, last, form.isNewsletter(), form.isPromotions());
        flash.addFlashAttribute(CartController.FLASH_SUCCESS, messages.getMessage("account.consent.saved", null, locale));
        return "redirect:/account#marketing";
    }

    private String accountPage(ShopperPrincipal shopper, Model model) {
        model.addAttribute("orders", orders.ofCustomer(shopper.getCustomerId()));
        ConsentChoices consent = customers.consent(shopper.getEmail());
        model.addAttribute("consent", consent);
        ConsentForm consentForm = new ConsentForm();
        consentForm.setNewsletter(consent.isNewsletter());
        consentForm.setPromotions(consent.isPromotions());
        model.addAttribute("consentForm", consentForm);
        return ACCOUNT;
    }
}
