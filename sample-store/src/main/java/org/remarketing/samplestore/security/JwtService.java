package org.remarketing.samplestore.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;

import javax.crypto.SecretKey;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;
import io.jsonwebtoken.security.Keys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Issues and checks the API's JWTs (HS512, as Shopizer signs them). The subject is the admin user id
 * or the customer id; the claim {@code typ} says which, so a customer token never passes the admin
 * chain and an admin token never passes the customer chain.
 */
@Component
public class JwtService {

    public static final String TYPE_CLAIM = "typ";
    public static final String ADMIN = "admin";
    public static final String CUSTOMER = "customer";
    public static final Duration LIFETIME = Duration.ofHours(24);

    private static final Logger log = LoggerFactory.getLogger(JwtService.class);
    private static final String ISSUER = "sample-store";

    private final SecretKey key;
    private final JwtParser parser;

    public JwtService(@Value("${sample.security.jwt-secret:}") String secret) {
        byte[] bytes;
        if (StringUtils.hasText(secret)) {
            bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < 64) {
                throw new IllegalStateException("sample.security.jwt-secret must be at least 64 bytes (512 bits) for HS512");
            }
        } else {
            bytes = new byte[64];
            new SecureRandom().nextBytes(bytes);
            log.warn("sample.security.jwt-secret is not set: signing API tokens with a random key generated at start;"
                    + " tokens will not survive a restart");
        }
        this.key = Keys.hmacShaKeyFor(bytes);
        this.parser = Jwts.parserBuilder().setSigningKey(key).requireIssuer(ISSUER).build();
    }

    public String issue(long subjectId, String type) {
        Date now = new Date();
        return Jwts.builder()
                .setIssuer(ISSUER)
                .setSubject(Long.toString(subjectId))
                .claim(TYPE_CLAIM, type)
                .setIssuedAt(now)
                .setExpiration(new Date(now.getTime() + LIFETIME.toMillis()))
                .signWith(key, SignatureAlgorithm.HS512)
                .compact();
    }

    /** The subject id of a valid, unexpired token of the expected type; empty otherwise. */
    public Optional<Long> subject(String token, String expectedType) {
        if (token == null || token.isEmpty() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            Claims claims = parser.parseClaimsJws(token).getBody();
            if (!expectedType.equals(claims.get(TYPE_CLAIM, String.class))) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(claims.getSubject()));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
