package org.remarketing.samplestore.seed;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A seeded customer and the kind of order history they get. The list is the documented demo cast:
 * every shopper signs in with {@link SeedLoader#DEMO_PASSWORD}.
 */
public final class Shopper {

    /** The shape of a shopper's order history, relative to the day the store is seeded. */
    public enum Kind {
        /** One order 60 to 90 days ago, nothing since. */
        ONE_TIME_DORMANT,
        /** One order in the last 40 days. */
        ONE_TIME_RECENT,
        /** Two to six orders, the last one in the last 40 days. */
        REPEAT,
        /** One to three orders, the last one 120 to 180 days ago, nothing since. */
        LAPSED,
        /** Re-orders one consumable about every usage period; the next one is due about now. */
        CONSUMABLE,
        /** Five or six large orders. */
        VIP
    }

    public final Kind kind;
    public final String firstName;
    public final String lastName;
    public final String email;
    public final String language;
    public final String gender;
    public final String country;
    public final String city;
    public final String address;
    public final String postalCode;
    public final String telephone;
    /** Days from today to the next birthday when it is close (0 to 6), null for a birthday far away. */
    public final Integer birthdayInDays;
    public final boolean newsletter;
    public final boolean promotions;
    /** The consumable a {@link Kind#CONSUMABLE} shopper re-orders. */
    public final String consumableSku;

    private Shopper(Kind kind, String firstName, String lastName, String email, String language, String gender,
            String country, String city, String address, String postalCode, String telephone,
            Integer birthdayInDays, boolean newsletter, boolean promotions, String consumableSku) {
        this.kind = kind;
        this.firstName = firstName;
        this.lastName = lastName;
        this.email = email;
        this.language = language;
        this.gender = gender;
        this.country = country;
        this.city = city;
        this.address = address;
        this.postalCode = postalCode;
        this.telephone = telephone;
        this.birthdayInDays = birthdayInDays;
        this.newsletter = newsletter;
        this.promotions = promotions;
        this.consumableSku = consumableSku;
    }

    private static Shopper of(Kind kind, String first, String last, String email, String lang, String gender,
            String country, String city, String address, String postal, String phone, Integer birthday,
            boolean newsletter) {
        return new Shopper(kind, first, last, email, lang, gender, country, city, address, postal, phone, birthday,
                newsletter, false, null);
    }

    private Shopper withPromotions() {
        return new Shopper(kind, firstName, lastName, email, language, gender, country, city, address, postalCode,
                telephone, birthdayInDays, newsletter, true, consumableSku);
    }

    private Shopper rebuying(String sku) {
        return new Shopper(kind, firstName, lastName, email, language, gender, country, city, address, postalCode,
                telephone, birthdayInDays, newsletter, promotions, sku);
    }

    public String fullName() {
        return "vi".equals(language) ? lastName + " " + firstName : firstName + " " + lastName;
    }

    private static final Kind DORMANT = Kind.ONE_TIME_DORMANT;
    private static final Kind RECENT = Kind.ONE_TIME_RECENT;
    private static final Kind REPEAT = Kind.REPEAT;
    private static final Kind LAPSED = Kind.LAPSED;
    private static final Kind CONSUMABLE = Kind.CONSUMABLE;
    private static final Kind VIP = Kind.VIP;

    /** The seeded cast, in seeding order. */
    public static final List<Shopper> CAST = Collections.unmodifiableList(Arrays.asList(
            // one order 60-90 days ago
            of(DORMANT, "James", "Carter", "james.carter@example.com", "en", "M", "US", "Seattle", "418 Pine Street", "98101", "+1 206 555 0117", null, true),
            of(DORMANT, "Olivia", "Brown", "olivia.brown@example.com", "en", "F", "US", "Austin", "2201 South Lamar Blvd", "78704", "+1 512 555 0163", null, false),
            of(DORMANT, "Minh Anh", "Trần", "minhanh.tran@example.com", "vi", "F", "VN", "Hà Nội", "12 Phố Hàng Bông, Hoàn Kiếm", "100000", "+84 912 345 601", 2, true),
            of(DORMANT, "Sophie", "Martin", "sophie.martin@example.com", "en", "F", "FR", "Lyon", "8 Rue de la République", "69002", "+33 4 72 00 11 22", null, true),
            of(DORMANT, "Hùng", "Lê Văn", "hung.le@example.com", "vi", "M", "VN", "Đà Nẵng", "45 Bạch Đằng, Hải Châu", "550000", "+84 905 112 233", null, false),
            of(DORMANT, "Noah", "Thompson", "noah.thompson@example.com", "en", "M", "CA", "Toronto", "77 Queen Street West", "M5H 2N2", "+1 416 555 0190", null, false),
            // one recent order
            of(RECENT, "Ava", "Johnson", "ava.johnson@example.com", "en", "F", "US", "Denver", "1550 Larimer Street", "80202", "+1 303 555 0144", null, true),
            of(RECENT, "Thu Hà", "Phạm", "thuha.pham@example.com", "vi", "F", "VN", "TP. Hồ Chí Minh", "88 Nguyễn Huệ, Quận 1", "700000", "+84 903 456 789", null, true),
            of(RECENT, "Liam", "Garcia", "liam.garcia@example.com", "en", "M", "US", "Chicago", "233 South Wacker Drive", "60606", "+1 312 555 0178", null, false),
            of(RECENT, "Chloé", "Dubois", "chloe.dubois@example.com", "en", "F", "FR", "Paris", "14 Rue des Martyrs", "75009", "+33 1 42 00 33 44", null, false),
            // repeat buyers
            of(REPEAT, "Emma", "Wilson", "shopper@example.com", "en", "F", "US", "Portland", "915 SE Hawthorne Blvd", "97214", "+1 503 555 0101", 3, true).withPromotions(),
            of(REPEAT, "Đức Minh", "Hoàng", "ducminh.hoang@example.com", "vi", "M", "VN", "Hà Nội", "36 Lý Thường Kiệt, Hoàn Kiếm", "100000", "+84 913 222 456", null, true),
            of(REPEAT, "Mia", "Anderson", "mia.anderson@example.com", "en", "F", "US", "San Francisco", "600 Valencia Street", "94110", "+1 415 555 0122", null, true),
            of(REPEAT, "Mai", "Võ Thị", "mai.vo@example.com", "vi", "F", "VN", "Huế", "20 Lê Lợi, Phú Hội", "530000", "+84 934 567 120", null, false),
            of(REPEAT, "Ethan", "Miller", "ethan.miller@example.com", "en", "M", "CA", "Vancouver", "1055 West Georgia Street", "V6E 3P3", "+1 604 555 0135", null, true),
            of(REPEAT, "Isabella", "Moore", "isabella.moore@example.com", "en", "F", "US", "Boston", "75 Newbury Street", "02116", "+1 617 555 0150", null, false),
            of(REPEAT, "Quốc Bảo", "Đặng", "quocbao.dang@example.com", "vi", "M", "VN", "Cần Thơ", "9 Hai Bà Trưng, Ninh Kiều", "900000", "+84 918 765 432", null, true),
            of(REPEAT, "Lucas", "Taylor", "lucas.taylor@example.com", "en", "M", "US", "Minneapolis", "310 Nicollet Mall", "55401", "+1 612 555 0187", null, false),
            of(REPEAT, "Grace", "Lee", "grace.lee@example.com", "en", "F", "US", "New York", "150 Bleecker Street", "10012", "+1 212 555 0199", 6, true),
            of(REPEAT, "Thanh Tâm", "Bùi", "thanhtam.bui@example.com", "vi", "F", "VN", "TP. Hồ Chí Minh", "215 Điện Biên Phủ, Quận 3", "700000", "+84 909 888 321", null, false),
            // lapsed
            of(LAPSED, "Daniel", "White", "daniel.white@example.com", "en", "M", "US", "Phoenix", "40 East Roosevelt Street", "85004", "+1 602 555 0111", null, true),
            of(LAPSED, "Ngọc Linh", "Đỗ", "ngoclinh.do@example.com", "vi", "F", "VN", "Hà Nội", "52 Trần Hưng Đạo, Hoàn Kiếm", "100000", "+84 986 111 222", null, true),
            of(LAPSED, "Charlotte", "Harris", "charlotte.harris@example.com", "en", "F", "CA", "Montréal", "400 Rue Saint-Paul Ouest", "H2Y 2A6", "+1 514 555 0126", null, false),
            of(LAPSED, "Henry", "Clark", "henry.clark@example.com", "en", "M", "US", "Atlanta", "675 Ponce de Leon Ave NE", "30308", "+1 404 555 0173", null, true),
            of(LAPSED, "Gia Huy", "Huỳnh", "giahuy.huynh@example.com", "vi", "M", "VN", "Đà Nẵng", "102 Trần Phú, Hải Châu", "550000", "+84 935 246 810", null, false),
            // consumable re-buyers
            of(CONSUMABLE, "Lan", "Nguyễn Thị", "lan.nguyen@example.com", "vi", "F", "VN", "TP. Hồ Chí Minh", "47 Pasteur, Quận 1", "700000", "+84 908 123 456", 5, true).rebuying("COF001"),
            of(CONSUMABLE, "Benjamin", "Scott", "ben.scott@example.com", "en", "M", "US", "Portland", "2330 NW Thurman Street", "97210", "+1 503 555 0158", null, true).rebuying("COF004"),
            of(CONSUMABLE, "Amelia", "Young", "amelia.young@example.com", "en", "F", "US", "Seattle", "1912 Pike Place", "98101", "+1 206 555 0182", null, false).rebuying("CAR005"),
            of(CONSUMABLE, "Thảo Vy", "Phan", "thaovy.phan@example.com", "vi", "F", "VN", "Hà Nội", "18 Nguyễn Du, Hai Bà Trưng", "100000", "+84 977 333 444", null, true).rebuying("COF005"),
            of(CONSUMABLE, "Jack", "Robinson", "jack.robinson@example.com", "en", "M", "US", "Austin", "1100 Congress Avenue", "78701", "+1 512 555 0109", null, false).rebuying("STA002"),
            of(CONSUMABLE, "Harper", "King", "harper.king@example.com", "en", "F", "CA", "Toronto", "220 King Street West", "M5H 1K4", "+1 416 555 0147", null, true).rebuying("CAR002"),
            // big spenders
            of(VIP, "Alexander", "Wright", "alex.wright@example.com", "en", "M", "US", "New York", "88 Central Park West", "10023", "+1 212 555 0166", null, true).withPromotions(),
            of(VIP, "Hải Nam", "Vũ", "hainam.vu@example.com", "vi", "M", "VN", "Hà Nội", "5 Tràng Tiền, Hoàn Kiếm", "100000", "+84 904 777 999", null, true),
            of(VIP, "Victoria", "Hall", "victoria.hall@example.com", "en", "F", "US", "San Francisco", "2 Presidio Terrace", "94118", "+1 415 555 0131", null, false)));
}
