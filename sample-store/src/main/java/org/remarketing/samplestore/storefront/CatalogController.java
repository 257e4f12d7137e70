package org.remarketing.samplestore.storefront;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.remarketing.samplestore.catalog.CatalogService;
import org.remarketing.samplestore.catalog.CategoryView;
import org.remarketing.samplestore.catalog.ProductView;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** Browsing: home, categories, product pages and search. */
@Controller
class CatalogController {

    static final int FEATURED = 8;
    static final int RELATED = 4;

    private final CatalogService catalog;

    CatalogController(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/")
    String home(Locale locale, Model model) {
        List<CategoryView> categories = catalog.categories(locale);
        Map<String, String> covers = new LinkedHashMap<>();
        for (ProductView p : catalog.all(locale)) {
            if (p.getCategoryCode() != null && p.getImageUrl() != null) {
                covers.putIfAbsent(p.getCategoryCode(), p.getImageUrl());
            }
        }
        model.addAttribute("categories", categories);
        model.addAttribute("covers", covers);
        model.addAttribute("featured", catalog.featured(locale, FEATURED));
        return "home";
    }

    @GetMapping("/category/{code}")
    String category(@PathVariable String code, Locale locale, Model model) {
        CategoryView category = catalog.category(code, locale).orElseThrow(CatalogController::notFound);
        model.addAttribute("category", category);
        model.addAttribute("products", catalog.productsInCategory(code, locale));
        return "category";
    }

    @GetMapping("/product/{sku}")
    String product(@PathVariable String sku, Locale locale, Model model) {
        ProductView product = catalog.product(sku, locale).orElseThrow(CatalogController::notFound);
        model.addAttribute("product", product);
        model.addAttribute("category", product.getCategoryCode() == null ? null
                : catalog.category(product.getCategoryCode(), locale).orElse(null));
        model.addAttribute("maxQuantity", Math.max(1, Math.min(product.getQuantity(), 99)));
        model.addAttribute("related", catalog.related(product.getId(), locale).stream()
                .limit(RELATED).collect(Collectors.toList()));
        return "product";
    }

    @GetMapping("/search")
    String search(@RequestParam(name = "q", required = false) String q, Locale locale, Model model) {
        String query = q == null ? "" : q.strip();
        if (query.length() > CatalogService.MAX_QUERY_LENGTH) {
            query = query.substring(0, CatalogService.MAX_QUERY_LENGTH);
        }
        model.addAttribute("q", query);
        model.addAttribute("products", catalog.search(query, locale));
        return "search";
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
