package org.remarketing.samplestore.api;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import com.salesmanager.core.model.common.Billing;
import com.salesmanager.core.model.order.Order;

import org.remarketing.samplestore.customer.CustomerQueries;
import org.remarketing.samplestore.order.OrderQueries;
import org.remarketing.samplestore.store.StoreContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The backoffice's lists in Shopizer's shapes (ReadableOrderList, ReadableCustomerList). */
@Service
@Transactional(readOnly = true)
public class AdminReads {

    @PersistenceContext
    private EntityManager em;

    private final OrderQueries orders;
    private final CustomerQueries customers;

    AdminReads(OrderQueries orders, CustomerQueries customers) {
        this.orders = orders;
        this.customers = customers;
    }

    /** Newest first, with the billing address recorded on each order. */
    public Json.OrderList orders(int page, int count) {
        long total = orders.count();
        List<Order> rows = em.createQuery("select o from Order o where o.merchant.code = :store"
                        + " order by o.datePurchased desc, o.id desc", Order.class)
                .setParameter("store", StoreContext.STORE_CODE)
                .setFirstResult(page * count)
                .setMaxResults(count)
                .getResultList();
        List<Json.Order> list = rows.stream().map(o -> new Json.Order(o.getId(), o.getDatePurchased(),
                        o.getStatus() == null ? null : o.getStatus().name(), o.getTotal(),
                        new Json.Customer(o.getCustomerId(), o.getCustomerEmailAddress(), null, null,
                                address(o.getBilling()), null, null),
                        o.getOrderProducts().stream()
                                .sorted(Comparator.comparing(p -> p.getId() == null ? Long.MAX_VALUE : p.getId()))
                                .map(p -> new Json.OrderProduct(p.getSku(), p.getProductName(), p.getProductQuantity(),
                                        p.getOneTimeCharge()))
                                .collect(Collectors.toList())))
                .collect(Collectors.toList());
        return new Json.OrderList(list, total, StoreParams.totalPages(total, count), page);
    }

    public Json.CustomerList customers(int page, int count) {
        long total = customers.count();
        List<Json.Customer> list = customers.page(page, count).stream()
                .map(c -> new Json.Customer(c.getId(), c.getEmail(), c.isRegistered() ? c.getEmail() : null,
                        c.getLanguage(), new Json.Address(c.getFirstName(), c.getLastName(), null, null, null, null, null),
                        c.isRegistered(), c.getOrders()))
                .collect(Collectors.toList());
        return new Json.CustomerList(list, total, StoreParams.totalPages(total, count), page);
    }

    private static Json.Address address(Billing b) {
        if (b == null) {
            return null;
        }
        return new Json.Address(b.getFirstName(), b.getLastName(), b.getAddress(), b.getCity(), b.getPostalCode(),
                b.getCountry() == null ? null : b.getCountry().getIsoCode(), b.getTelephone());
    }
}
