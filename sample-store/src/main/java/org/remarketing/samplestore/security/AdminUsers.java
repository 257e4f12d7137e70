package org.remarketing.samplestore.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;

import com.salesmanager.core.model.user.Group;
import com.salesmanager.core.model.user.User;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Backoffice users from Shopizer's USER table: BCrypt ADMIN_PASSWORD, ACTIVE flag, groups. Like Shopizer,
 * every active user gets ROLE_AUTH, plus ROLE_{group} for each group and the groups' permission names.
 */
@Service
@Transactional(readOnly = true)
public class AdminUsers {

    public static final String ROLE_AUTH = "ROLE_AUTH";

    @PersistenceContext
    private EntityManager em;

    private final PasswordEncoder passwords;
    /** A hash of nothing anyone types: checked when the user is unknown, so both failures take as long. */
    private final String dummyHash;

    AdminUsers(PasswordEncoder passwords) {
        this.passwords = passwords;
        this.dummyHash = passwords.encode(java.util.UUID.randomUUID().toString());
    }

    /** The active user with this name or email whose password matches; empty otherwise. */
    public Optional<AdminPrincipal> authenticate(String username, String password) {
        if (username == null || password == null || username.length() > 100 || password.length() > 100) {
            return Optional.empty();
        }
        String name = username.trim();
        List<User> users = em.createQuery("select u from User u where u.adminName = :name or lower(u.adminEmail) = :email"
                        + " order by u.id", User.class)
                .setParameter("name", name)
                .setParameter("email", name.toLowerCase(Locale.ROOT))
                .setMaxResults(1)
                .getResultList();
        if (users.isEmpty()) {
            passwords.matches(password, dummyHash);
            return Optional.empty();
        }
        User user = users.get(0);
        if (user.getAdminPassword() == null || !passwords.matches(password, user.getAdminPassword()) || !user.isActive()) {
            return Optional.empty();
        }
        return Optional.of(new AdminPrincipal(user.getId(), user.getAdminName()));
    }

    /** An authentication for the active user with this id, with their authorities; empty when gone or inactive. */
    public Optional<UsernamePasswordAuthenticationToken> authentication(long userId) {
        User user = em.find(User.class, userId);
        if (user == null || !user.isActive()) {
            return Optional.empty();
        }
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(ROLE_AUTH));
        List<Integer> groupIds = new ArrayList<>();
        for (Group group : user.getGroups()) {
            groupIds.add(group.getId());
            authorities.add(new SimpleGrantedAuthority("ROLE_" + group.getGroupName()));
        }
        if (!groupIds.isEmpty()) {
            authorities.addAll(em.createQuery("select distinct p.permissionName from Permission p join p.groups g"
                            + " where g.id in :ids", String.class)
                    .setParameter("ids", groupIds)
                    .getResultList().stream()
                    .map(SimpleGrantedAuthority::new)
                    .collect(Collectors.toList()));
        }
        return Optional.of(new UsernamePasswordAuthenticationToken(
                new AdminPrincipal(user.getId(), user.getAdminName()), null, authorities));
    }
}
