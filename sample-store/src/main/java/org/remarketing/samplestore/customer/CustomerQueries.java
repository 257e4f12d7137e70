package org.remarketing.samplestore.customer;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import com.salesmanager.core.model.customer.Customer;

import org.remarketing.samplestore.store.StoreContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Customers for the backoffice. */
@Service
@Transactional(readOnly = true)
public class CustomerQueries {

    @PersistenceContext
    private EntityManager em;

    /** Newest first; page is 0-based. */
    public List<CustomerSummary> page(int page, int size) {
        List<Customer> customers = em.createQuery("select c from Customer c where c.merchantStore.code = :store order by c.id desc",
                        Customer.class)
                .setParameter("store", StoreContext.STORE_CODE)
                .setFirstResult(Math.max(0, page) * size)
                .setMaxResults(size)
                .getResultList();
        if (customers.isEmpty()) {
            return List.of();
        }
        Map<Long, Long> orders = em.createQuery("select o.customerId, count(o) from Order o where o.customerId in :ids"
                        + " group by o.customerId", Object[].class)
                .setParameter("ids", customers.stream().map(Customer::getId).collect(Collectors.toList()))
                .getResultList().stream()
                .collect(Collectors.toMap(r -> (Long) r[0], r -> (Long) r[1]));
        return customers.stream().map(c -> new CustomerSummary(c.getId(), c.getEmailAddress(),
                        c.getBilling() == null ? null : c.getBilling().getFirstName(),
                        c.getBilling() == null ? null : c.getBilling().getLastName(),
                        !c.isAnonymous() && c.getNick() != null,
                        c.getDefaultLanguage() == null ? null : c.getDefaultLanguage().getCode(),
                        c.getDateOfBirth(), orders.getOrDefault(c.getId(), 0L)))
                .collect(Collectors.toList());
    }

    public long count() {
        return em.createQuery("select count(c) from Customer c where c.merchantStore.code = :store", Long.class)
                .setParameter("store", StoreContext.STORE_CODE)
                .getSingleResult();
    }
}
