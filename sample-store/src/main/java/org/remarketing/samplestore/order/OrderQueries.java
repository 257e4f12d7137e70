package org.remarketing.samplestore.order;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import com.salesmanager.core.model.order.Order;

import org.remarketing.samplestore.store.StoreContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Orders for the backoffice and for a customer's account page. */
@Service
@Transactional(readOnly = true)
public class OrderQueries {

    @PersistenceContext
    private EntityManager em;

    /** Newest first; page is 0-based. */
    public List<OrderSummary> latest(int page, int size) {
        return em.createQuery("select o from Order o where o.merchant.code = :store order by o.datePurchased desc, o.id desc", Order.class)
                .setParameter("store", StoreContext.STORE_CODE)
                .setFirstResult(Math.max(0, page) * size)
                .setMaxResults(size)
                .getResultList().stream().map(OrderQueries::summary).collect(Collectors.toList());
    }

    public long count() {
        return em.createQuery("select count(o) from Order o where o.merchant.code = :store", Long.class)
                .setParameter("store", StoreContext.STORE_CODE)
                .getSingleResult();
    }

    public List<OrderSummary> ofCustomer(long customerId) {
        return em.createQuery("select o from Order o where o.customerId = :customer order by o.datePurchased desc", Order.class)
                .setParameter("customer", customerId)
                .getResultList().stream().map(OrderQueries::summary).collect(Collectors.toList());
    }

    public Optional<OrderSummary> find(long orderId) {
        return Optional.ofNullable(em.find(Order.class, orderId)).map(OrderQueries::summary);
    }

    static OrderSummary summary(Order o) {
        String name = o.getBilling() == null ? null
                : (nullToEmpty(o.getBilling().getFirstName()) + " " + nullToEmpty(o.getBilling().getLastName())).trim();
        List<OrderSummary.Line> lines = o.getOrderProducts().stream()
                .sorted(Comparator.comparing(p -> p.getId() == null ? Long.MAX_VALUE : p.getId()))
                .map(p -> new OrderSummary.Line(p.getSku(), p.getProductName(), p.getProductQuantity(), p.getOneTimeCharge()))
                .collect(Collectors.toList());
        return new OrderSummary(o.getId(), o.getDatePurchased(), o.getStatus() == null ? null : o.getStatus().name(),
                o.getCustomerId(), o.getCustomerEmailAddress(), name, o.getTotal(), lines);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
