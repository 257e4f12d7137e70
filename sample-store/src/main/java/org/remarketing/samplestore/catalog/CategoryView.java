package org.remarketing.samplestore.catalog;

/** A category in one language. */
public final class CategoryView {

    private final long id;
    private final String code;
    private final String name;
    private final String description;
    private final String image;

    CategoryView(long id, String code, String name, String description, String image) {
        this.id = id;
        this.code = code;
        this.name = name;
        this.description = description;
        this.image = image;
    }

    public long getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public String getImage() { return image; }
}
