package org.remarketing.samplestore.security;

import java.io.Serializable;

/** A signed-in backoffice user (Shopizer's USER table), as admin API controllers receive it. */
public final class AdminPrincipal implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long id;
    private final String userName;

    public AdminPrincipal(long id, String userName) {
        this.id = id;
        this.userName = userName;
    }

    public long getId() { return id; }
    public String getUserName() { return userName; }

    @Override
    public String toString() {
        return "AdminPrincipal[" + id + "]";
    }
}
