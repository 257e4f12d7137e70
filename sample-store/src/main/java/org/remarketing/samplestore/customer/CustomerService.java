package org.remarketing.samplestore.customer;

import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import com.salesmanager.core.model.common.Billing;
import com.salesmanager.core.model.common.Delivery;
import com.salesmanager.core.model.customer.Customer;
import com.salesmanager.core.model.customer.CustomerGender;
import com.salesmanager.core.model.reference.country.Country;
import com.salesmanager.core.model.system.optin.CustomerOptin;
import com.salesmanager.core.model.system.optin.Optin;

import org.remarketing.samplestore.store.StoreContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static org.remarketing.samplestore.customer.CustomerException.Reason.*;

/**
 * Customers the way Shopizer stores them: registered ones have CUSTOMER_NICK = their email;
 * a guest checkout creates an anonymous CUSTOMER row with no nick; marketing consent lives in
 * CUSTOMER_OPTIN rows keyed by email (there is no opt-in flag on CUSTOMER).
 */
@Service
@Transactional
public class CustomerService {

    public static final String NEWSLETTER = "NEWSLETTER";
    public static final String PROMOTIONS = "PROMOTIONS";

    @PersistenceContext
    private EntityManager em;

    private final StoreContext store;
    private final PasswordEncoder passwords;

    CustomerService(StoreContext store, PasswordEncoder passwords) {
        this.store = store;
        this.passwords = passwords;
    }

    public Customer register(Registration form) {
        String email = normalise(form.getEmail());
        if (findRegistered(email).isPresent()) {
            throw new CustomerException(EMAIL_TAKEN, "An account with this email already exists");
        }
        Customer customer = new Customer();
        customer.setMerchantStore(store.store());
        customer.setEmailAddress(email);
        customer.setNick(email);
        customer.setAnonymous(false);
        customer.setPassword(passwords.encode(form.getPassword()));
        customer.setDefaultLanguage(store.language(StoreContext.forLanguageCode(form.getLanguage())));
        if (form.getGender() != null && !form.getGender().isEmpty()) {
            customer.setGender(CustomerGender.valueOf(form.getGender()));
        }
        if (form.getDateOfBirth() != null) {
            customer.setDateOfBirth(Date.from(form.getDateOfBirth().atStartOfDay(ZoneId.systemDefault()).toInstant()));
        }
        Address address = new Address();
        address.setFirstName(form.getFirstName());
        address.setLastName(form.getLastName());
        address.setCountry(form.getCountry());
        customer.setBilling(billing(address));
        customer.setDelivery(delivery(address));
        em.persist(customer);
        if (form.isNewsletter()) {
            setConsent(email, form.getFirstName(), form.getLastName(), true, consent(email).isPromotions());
        }
        return customer;
    }

    /**
     * The CUSTOMER row a guest checkout leaves behind (CUSTOMER_NICK null, as in Shopizer),
     * created for every guest order, even when the email also belongs to an account.
     */
    public Customer guest(String email, Address address, Locale locale) {
        Customer customer = new Customer();
        customer.setMerchantStore(store.store());
        customer.setEmailAddress(normalise(email));
        customer.setAnonymous(true);
        customer.setDefaultLanguage(store.language(locale));
        customer.setBilling(billing(address));
        customer.setDelivery(delivery(address));
        em.persist(customer);
        return customer;
    }

    @Transactional(readOnly = true)
    public Optional<Customer> findRegistered(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return em.createQuery("select c from Customer c where c.nick = :email and c.anonymous = false"
                        + " and c.merchantStore.code = :store", Customer.class)
                .setParameter("email", normalise(email))
                .setParameter("store", StoreContext.STORE_CODE)
                .getResultStream().findFirst();
    }

    @Transactional(readOnly = true)
    public Optional<Customer> find(long id) {
        return Optional.ofNullable(em.find(Customer.class, id));
    }

    /** The registered customer whose password matches; empty for a wrong email or password alike. */
    @Transactional(readOnly = true)
    public Optional<Customer> authenticate(String email, String password) {
        Optional<Customer> customer = findRegistered(email);
        if (customer.isEmpty() || password == null || customer.get().getPassword() == null) {
            return Optional.empty();
        }
        return passwords.matches(password, customer.get().getPassword()) ? customer : Optional.empty();
    }

    public Customer updateProfile(long customerId, String firstName, String lastName, String language, java.time.LocalDate dateOfBirth) {
        Customer customer = find(customerId).orElseThrow(() -> new CustomerException(NOT_FOUND, "No such customer"));
        customer.getBilling().setFirstName(firstName);
        customer.getBilling().setLastName(lastName);
        customer.setDefaultLanguage(store.language(StoreContext.forLanguageCode(language)));
        customer.setDateOfBirth(dateOfBirth == null ? null
                : Date.from(dateOfBirth.atStartOfDay(ZoneId.systemDefault()).toInstant()));
        return customer;
    }

    @Transactional(readOnly = true)
    public ConsentChoices consent(String email) {
        List<CustomerOptin> rows = optins(email);
        Optional<CustomerOptin> newsletter = rows.stream().filter(r -> NEWSLETTER.equals(r.getOptin().getCode())).findFirst();
        Optional<CustomerOptin> promotions = rows.stream().filter(r -> PROMOTIONS.equals(r.getOptin().getCode())).findFirst();
        return new ConsentChoices(newsletter.isPresent(), newsletter.map(CustomerOptin::getOptinDate).orElse(null),
                promotions.isPresent(), promotions.map(CustomerOptin::getOptinDate).orElse(null));
    }

    /** Records the shopper's choices: adds the opt-ins they gave, deletes the ones they withdrew. */
    public ConsentChoices setConsent(String email, String firstName, String lastName, boolean newsletter, boolean promotions) {
        String normalised = normalise(email);
        List<CustomerOptin> rows = optins(normalised);
        apply(rows, NEWSLETTER, newsletter, normalised, firstName, lastName);
        apply(rows, PROMOTIONS, promotions, normalised, firstName, lastName);
        em.flush();
        return consent(normalised);
    }

    /** Shopizer's POST /api/v1/newsletter: a NEWSLETTER opt-in for an email, account or not. */
    public void subscribeNewsletter(String email, String firstName, String lastName) {
        ConsentChoices current = consent(email);
        setConsent(email, firstName, lastName, true, current.isPromotions());
    }

    private void apply(List<CustomerOptin> rows, String code, boolean wanted, String email, String first, String last) {
        Optional<CustomerOptin> existing = rows.stream().filter(r -> code.equals(r.getOptin().getCode())).findFirst();
        if (wanted && existing.isEmpty()) {
            CustomerOptin row = new CustomerOptin();
            row.setOptin(optin(code));
            row.setMerchantStore(store.store());
            row.setEmail(email);
            row.setFirstName(first);
            row.setLastName(last);
            row.setOptinDate(new Date());
            em.persist(row);
        } else if (!wanted) {
            existing.ifPresent(em::remove);
        }
    }

    private List<CustomerOptin> optins(String email) {
        return em.createQuery("select o from CustomerOptin o where o.email = :email and o.merchantStore.code = :store",
                        CustomerOptin.class)
                .setParameter("email", normalise(email))
                .setParameter("store", StoreContext.STORE_CODE)
                .getResultList();
    }

    private Optin optin(String code) {
        return em.createQuery("select o from Optin o where o.code = :code and o.merchant.code = :store", Optin.class)
                .setParameter("code", code)
                .setParameter("store", StoreContext.STORE_CODE)
                .getResultStream().findFirst()
                .orElseThrow(() -> new IllegalStateException("Opt-in " + code + " is not seeded"));
    }

    Billing billing(Address a) {
        Billing b = new Billing();
        b.setFirstName(a.getFirstName());
        b.setLastName(a.getLastName());
        b.setAddress(a.getAddress());
        b.setCity(a.getCity());
        b.setPostalCode(a.getPostalCode());
        b.setTelephone(a.getTelephone());
        b.setCountry(country(a.getCountry()));
        return b;
    }

    Delivery delivery(Address a) {
        Delivery d = new Delivery();
        d.setFirstName(a.getFirstName());
        d.setLastName(a.getLastName());
        d.setAddress(a.getAddress());
        d.setCity(a.getCity());
        d.setPostalCode(a.getPostalCode());
        d.setTelephone(a.getTelephone());
        d.setCountry(country(a.getCountry()));
        return d;
    }

    /** Billing and delivery for an order, copied from the shopper's address. */
    public Billing orderBilling(Address a) {
        return billing(a);
    }

    public Delivery orderDelivery(Address a) {
        return delivery(a);
    }

    private Country country(String isoCode) {
        String code = isoCode == null ? "US" : isoCode.toUpperCase(Locale.ROOT);
        return em.createQuery("select c from Country c where c.isoCode = :iso", Country.class)
                .setParameter("iso", code)
                .getResultStream().findFirst()
                .orElseThrow(() -> new CustomerException(UNKNOWN_COUNTRY, "The store does not ship to " + code));
    }

    static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
