package org.remarketing.samplestore.store;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import com.salesmanager.core.model.merchant.MerchantStore;
import com.salesmanager.core.model.reference.language.Language;

import org.springframework.stereotype.Component;

/**
 * The one store this demo serves (Shopizer's {@code DEFAULT}) and its two languages.
 * Only ids are cached: entities are looked up in the caller's persistence context.
 */
@Component
public class StoreContext {

    public static final String STORE_CODE = "DEFAULT";
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale VIETNAMESE = new Locale("vi");
    public static final List<Locale> LOCALES = List.of(ENGLISH, VIETNAMESE);

    @PersistenceContext
    private EntityManager em;

    private volatile Integer storeId;
    private final Map<String, Integer> languageIds = new ConcurrentHashMap<>();

    /** The DEFAULT store, attached to the current persistence context. */
    public MerchantStore store() {
        Integer id = storeId;
        if (id == null) {
            id = em.createQuery("select s.id from MerchantStore s where s.code = :code", Integer.class)
                    .setParameter("code", STORE_CODE)
                    .getResultStream().findFirst()
                    .orElseThrow(() -> new IllegalStateException("Store " + STORE_CODE + " is not seeded yet"));
            storeId = id;
        }
        return em.find(MerchantStore.class, id);
    }

    /** The store's language for a locale; English when the store does not speak it. */
    public Language language(Locale locale) {
        String code = supported(locale).getLanguage();
        Integer id = languageIds.computeIfAbsent(code, c ->
                em.createQuery("select l.id from Language l where l.code = :code", Integer.class)
                        .setParameter("code", c)
                        .getResultStream().findFirst()
                        .orElseThrow(() -> new IllegalStateException("Language " + c + " is not seeded yet")));
        return em.find(Language.class, id);
    }

    /** Maps any requested locale onto one the store speaks. */
    public static Locale supported(Locale locale) {
        if (locale != null && VIETNAMESE.getLanguage().equals(locale.getLanguage())) {
            return VIETNAMESE;
        }
        return ENGLISH;
    }

    public static Locale forLanguageCode(String code) {
        return supported(code == null ? null : Locale.forLanguageTag(code));
    }
}
