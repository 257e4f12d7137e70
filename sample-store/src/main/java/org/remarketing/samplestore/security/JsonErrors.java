package org.remarketing.samplestore.security;

import java.io.IOException;
import java.util.Collections;

import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** The API's security refusals as {"message": "..."} JSON, never an HTML page or a redirect. */
public final class JsonErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonErrors() {
    }

    public static void write(HttpServletResponse response, int status, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), Collections.singletonMap("message", message));
    }

    public static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> write(response, HttpServletResponse.SC_UNAUTHORIZED, "Authentication required");
    }

    public static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, HttpServletResponse.SC_FORBIDDEN, "Access denied");
    }
}
