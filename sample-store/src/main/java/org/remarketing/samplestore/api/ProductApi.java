package org.remarketing.samplestore.api;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.catalog.CategoryView;
import org.remarketing.samplestore.catalog.ProductView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Shopizer's product reads: the paged list, one product by SKU, related products. */
@RestController
@RequestMapping(value = "/api", produces = "application/json")
public class ProductApi {

    private final CatalogService catalog;

    ProductApi(CatalogService catalog) {
        this.catalog = catalog;
    }

    /** GET /api/v1/products?page=0&count=20[&category=id|code] → ReadableProductList. */
    @GetMapping("/v1/products")
    public Json.ProductList products(@RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer count,
                                     @RequestParam(required = false) String category,
                                     @RequestParam(required = false) String store,
                                     @RequestParam(required = false) String lang) {
        Locale locale = StoreParams.locale(store, lang);
        int p = StoreParams.page(page);
        int size = StoreParams.count(count, 100);
        List<ProductView> all;
        if (category == null || category.isEmpty()) {
            all = catalog.all(locale);
        } else {
            if (category.length() > 100) {
                throw ApiException.badRequest("Invalid category");
            }
            CategoryView found = catalog.categories(locale).stream()
                    .filter(c -> category.equals(c.getCode()) || category.equals(Long.toString(c.getId())))
                    .findFirst()
                    .orElseThrow(() -> ApiException.notFound("No category " + category));
            all = catalog.productsInCategory(found.getCode(), locale);
        }
        List<Json.Product> slice = all.stream().skip((long) p * size).limit(size)
                .map(v -> product(v, locale)).collect(Collectors.toList());
        return new Json.ProductList(slice, all.size(), StoreParams.totalPages(all.size(), size), p);
    }

    /** GET /api/v2/product/{sku} → ReadableProduct (404 for an unknown SKU). */
    @GetMapping("/v2/product/{sku}")
    public Json.Product bySku(@PathVariable String sku,
                              @RequestParam(required = false) String store,
                              @RequestParam(required = false) String lang) {
        Locale locale = StoreParams.locale(store, lang);
        if (sku.length() > 100) {
            throw ApiException.notFound("No product with this SKU");
        }
        return catalog.product(sku, locale).map(v -> product(v, locale))
                .orElseThrow(() -> ApiException.notFound("No product with SKU " + sku));
    }

    /** GET /api/v1/product/{id}/related → [ReadableProduct]. */
    @GetMapping({"/v1/product/{id}/related", "/v1/products/{id}/related"})
    public List<Json.Product> related(@PathVariable long id,
                                      @RequestParam(required = false) String store,
                                      @RequestParam(required = false) String lang) {
        Locale locale = StoreParams.locale(store, lang);
        if (catalog.product(id, locale).isEmpty()) {
            throw ApiException.notFound("No product with id " + id);
        }
        return catalog.related(id, locale).stream().map(v -> product(v, locale)).collect(Collectors.toList());
    }

    static Json.Product product(ProductView v, Locale locale) {
        return new Json.Product(v.getId(), v.getSku(), v.getName(),
                new Json.Description(locale.getLanguage(), v.getName(), v.getDescription(), v.getSlug()),
                v.getPrice(), v.getQuantity(), v.isAvailable(), v.getImageUrl(),
                v.getCategoryCode() == null ? Collections.emptyList()
                        : Collections.singletonList(new Json.Category(null, v.getCategoryCode())));
    }
}
