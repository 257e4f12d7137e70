package org.remarketing.samplestore.api;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shopizer's admin lists (admin JWT required by the security chain). Paged by {@code page} (0-based; Shopizer's
 * {@code start} is accepted as the same) and {@code count} (1..100). Shopizer answers these with 202; this store
 * answers 200.
 */
@RestController
@RequestMapping(value = "/api/v1/private", produces = "application/json")
public class AdminListsApi {

    private final AdminReads reads;

    AdminListsApi(AdminReads reads) {
        this.reads = reads;
    }

    @GetMapping("/orders")
    public Json.OrderList orders(@RequestParam(required = false) Integer page,
                                 @RequestParam(required = false) Integer start,
                                 @RequestParam(required = false) Integer count,
                                 @RequestParam(required = false) String store,
                                 @RequestParam(required = false) String lang) {
        StoreParams.locale(store, lang);
        return reads.orders(StoreParams.page(page != null ? page : start), StoreParams.count(count, 20));
    }

    @GetMapping("/customers")
    public Json.CustomerList customers(@RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer start,
                                       @RequestParam(required = false) Integer count,
                                       @RequestParam(required = false) String store,
                                       @RequestParam(required = false) String lang) {
        StoreParams.locale(store, lang);
        return reads.customers(StoreParams.page(page != null ? page : start), StoreParams.count(count, 20));
    }
}
