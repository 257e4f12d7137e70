package org.remarketing.samplestore.catalog;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import com.salesmanager.core.model.catalog.category.Category;
import com.salesmanager.core.model.catalog.product.Product;
import com.salesmanager.core.model.catalog.product.availability.ProductAvailability;
import com.salesmanager.core.model.catalog.product.image.ProductImage;
import com.salesmanager.core.model.catalog.product.price.ProductPrice;
import com.salesmanager.core.model.common.description.Description;
import com.salesmanager.core.model.reference.language.Language;

import org.remarketing.samplestore.store.StoreContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Read side of the catalog: categories, products, prices, images and related products. */
@Service
@Transactional(readOnly = true)
public class CatalogService {

    /** Longest search text accepted; longer input is cut, not rejected. */
    public static final int MAX_QUERY_LENGTH = 100;

    @PersistenceContext
    private EntityManager em;

    private final StoreContext store;

    CatalogService(StoreContext store) {
        this.store = store;
    }

    public List<CategoryView> categories(Locale locale) {
        Language language = store.language(locale);
        return em.createQuery("select c from Category c where c.merchantStore.code = :store and c.visible = true"
                        + " order by c.sortOrder, c.code", Category.class)
                .setParameter("store", StoreContext.STORE_CODE)
                .getResultList().stream()
                .map(c -> {
                    Description d = describe(c.getDescriptions(), language);
                    return new CategoryView(c.getId(), c.getCode(), d == null ? c.getCode() : d.getName(),
                            d == null ? null : d.getDescription(), c.getCategoryImage());
                })
                .collect(Collectors.toList());
    }

    public Optional<CategoryView> category(String code, Locale locale) {
        return categories(locale).stream().filter(c -> c.getCode().equals(code)).findFirst();
    }

    public List<ProductView> productsInCategory(String categoryCode, Locale locale) {
        return views(em.createQuery("select distinct p from Product p join p.categories c"
                        + " where c.code = :code and p.merchantStore.code = :store", Product.class)
                .setParameter("code", categoryCode)
                .setParameter("store", StoreContext.STORE_CODE)
                .getResultList(), locale);
    }

    /** Every product, ordered by SKU; the catalog is small enough to page in memory. */
    public List<ProductView> all(Locale locale) {
        return views(em.createQuery("select p from Product p where p.merchantStore.code = :store", Product.class)
                .setParameter("store", StoreContext.STORE_CODE)
                .getResultList(), locale);
    }

    /** A few products for the home page: one or two from each category. */
    public List<ProductView> featured(Locale locale, int count) {
        List<ProductView> all = all(locale);
        List<CategoryView> categories = categories(locale);
        List<ProductView> picked = new java.util.ArrayList<>();
        for (int round = 0; picked.size() < count && round < 4; round++) {
            for (CategoryView category : categories) {
                final int r = round;
                all.stream().filter(p -> category.getCode().equals(p.getCategoryCode()))
                        .skip(r).findFirst()
                        .filter(p -> !picked.contains(p))
                        .ifPresent(picked::add);
                if (picked.size() == count) {
                    break;
                }
            }
        }
        return picked;
    }

    public Optional<ProductView> product(String sku, Locale locale) {
        return em.createQuery("select p from Product p where p.sku = :sku and p.merchantStore.code = :store", Product.class)
                .setParameter("sku", sku)
                .setParameter("store", StoreContext.STORE_CODE)
                .getResultStream().findFirst()
                .map(p -> view(p, store.language(locale)));
    }

    public Optional<ProductView> product(long id, Locale locale) {
        return Optional.ofNullable(em.find(Product.class, id)).map(p -> view(p, store.language(locale)));
    }

    /** Products the store relates to this one (Shopizer's RELATED_ITEM relationships), in stock first. */
    public List<ProductView> related(long productId, Locale locale) {
        List<Product> related = em.createQuery("select r.relatedProduct from ProductRelationship r"
                        + " where r.product.id = :id and r.code = 'RELATED_ITEM' and r.active = true", Product.class)
                .setParameter("id", productId)
                .getResultList();
        return views(related, locale).stream()
                .sorted(Comparator.comparing(ProductView::isInStock).reversed())
                .collect(Collectors.toList());
    }

    /** Case-insensitive search in product names and descriptions of the shopper's language. */
    public List<ProductView> search(String query, Locale locale) {
        String q = query == null ? "" : query.strip();
        if (q.isEmpty()) {
            return List.of();
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            q = q.substring(0, MAX_QUERY_LENGTH);
        }
        String pattern = "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return views(em.createQuery("select distinct d.product from ProductDescription d"
                        + " where d.language.id = :lang and d.product.merchantStore.code = :store"
                        + " and (lower(d.name) like :q escape '\\' or lower(d.description) like :q escape '\\'"
                        + " or lower(d.product.sku) like :q escape '\\')", Product.class)
                .setParameter("lang", store.language(locale).getId())
                .setParameter("store", StoreContext.STORE_CODE)
                .setParameter("q", pattern)
                .setMaxResults(48)
                .getResultList(), locale);
    }

    /** The price a shopper pays today: the special price while it runs, else the default price. */
    public static BigDecimal priceOf(Product product) {
        Date now = new Date();
        for (ProductAvailability availability : product.getAvailabilities()) {
            for (ProductPrice price : availability.getPrices()) {
                if (!price.isDefaultPrice()) {
                    continue;
                }
                BigDecimal special = price.getProductPriceSpecialAmount();
                boolean specialRuns = special != null
                        && (price.getProductPriceSpecialStartDate() == null || !price.getProductPriceSpecialStartDate().after(now))
                        && (price.getProductPriceSpecialEndDate() == null || price.getProductPriceSpecialEndDate().after(now));
                return specialRuns ? special : price.getProductPriceAmount();
            }
        }
        return null;
    }

    public static int stockOf(Product product) {
        return product.getAvailabilities().stream()
                .map(ProductAvailability::getProductQuantity)
                .filter(q -> q != null)
                .mapToInt(Integer::intValue).sum();
    }

    public static String imageUrl(String sku, String file) {
        return file == null ? null
                : "/static/products/" + StoreContext.STORE_CODE + "/" + sku + "/SMALL/" + file;
    }

    private List<ProductView> views(List<Product> products, Locale locale) {
        Language language = store.language(locale);
        return products.stream()
                .sorted(Comparator.comparing(Product::getSku))
                .map(p -> view(p, language))
                .collect(Collectors.toList());
    }

    private static ProductView view(Product p, Language language) {
        Description d = describe(p.getDescriptions(), language);
        String slug = null;
        if (d instanceof com.salesmanager.core.model.catalog.product.description.ProductDescription) {
            slug = ((com.salesmanager.core.model.catalog.product.description.ProductDescription) d).getSeUrl();
        }
        String image = p.getImages().stream()
                .sorted(Comparator.comparing(ProductImage::isDefaultImage).reversed())
                .map(ProductImage::getProductImage)
                .findFirst().orElse(null);
        String category = p.getCategories().stream().map(Category::getCode).sorted().findFirst().orElse(null);
        return new ProductView(p.getId(), p.getSku(), d == null ? p.getSku() : d.getName(),
                d == null ? null : d.getDescription(), slug, priceOf(p), imageUrl(p.getSku(), image),
                category, stockOf(p), p.isAvailable());
    }

    /** The description in the wanted language, else any (the store's default comes first in the seed). */
    static <D extends Description> D describe(Collection<D> descriptions, Language language) {
        D fallback = null;
        for (D d : descriptions) {
            if (d.getLanguage() != null && d.getLanguage().getId().equals(language.getId())) {
                return d;
            }
            if (fallback == null || (d.getLanguage() != null && "en".equals(d.getLanguage().getCode()))) {
                fallback = d;
            }
        }
        return fallback;
    }
}
