package org.remarketing.samplestore.api;

import javax.validation.Valid;

import org.remarketing.samplestore.security.AdminUsers;
import org.remarketing.samplestore.security.JwtService;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Shopizer's admin sign-in: POST /api/v1/private/login → {"id","token"}. */
@RestController
@RequestMapping("/api/v1")
public class AdminAuthApi {

    private final AdminUsers users;
    private final JwtService jwt;

    AdminAuthApi(AdminUsers users, JwtService jwt) {
        this.users = users;
        this.jwt = jwt;
    }

    @PostMapping(value = "/private/login", produces = "application/json")
    public Json.AuthenticationResponse login(@Valid @RequestBody Requests.Login login) {
        return users.authenticate(login.username, login.password)
                .map(u -> new Json.AuthenticationResponse(u.getId(), jwt.issue(u.getId(), JwtService.ADMIN)))
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Bad credentials"));
    }
}
