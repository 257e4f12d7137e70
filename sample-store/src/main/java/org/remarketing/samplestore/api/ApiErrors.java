package org.remarketing.samplestore.api;

import java.util.Collections;
import java.util.Map;
import java.util.stream.Collectors;

import javax.validation.ConstraintViolationException;

import org.remarketing.samplestore.cart.CartException;
import org.remarketing.samplestore.checkout.CheckoutException;
import org.remarketing.samplestore.customer.CustomerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every refusal of the store's REST API as {"message": "..."} with a 4xx status; unexpected errors as a
 * plain 500 message, logged, never a stack trace. Scoped to this package: the plugin's controllers keep
 * their own error handling.
 */
@RestControllerAdvice(basePackages = "org.remarketing.samplestore.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, String>> api(ApiException e) {
        return body(e.getStatus(), e.getMessage());
    }

    @ExceptionHandler(CartException.class)
    ResponseEntity<Map<String, String>> cart(CartException e) {
        switch (e.getReason()) {
            case CART_NOT_FOUND:
            case UNKNOWN_PRODUCT:
                return body(HttpStatus.NOT_FOUND, e.getMessage());
            case ALREADY_ORDERED:
            case OUT_OF_STOCK:
                return body(HttpStatus.CONFLICT, e.getMessage());
            default:
                return body(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @ExceptionHandler(CheckoutException.class)
    ResponseEntity<Map<String, String>> checkout(CheckoutException e) {
        return body(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(CustomerException.class)
    ResponseEntity<Map<String, String>> customer(CustomerException e) {
        switch (e.getReason()) {
            case EMAIL_TAKEN:
                return body(HttpStatus.CONFLICT, e.getMessage());
            case NOT_FOUND:
                return body(HttpStatus.NOT_FOUND, e.getMessage());
            default:
                return body(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    @ExceptionHandler(BindException.class) // includes MethodArgumentNotValidException
    ResponseEntity<Map<String, String>> invalid(BindException e) {
        String fields = e.getBindingResult().getFieldErrors().stream()
                .map(ApiErrors::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        if (fields.isEmpty()) {
            fields = e.getBindingResult().getAllErrors().stream()
                    .map(o -> o.getDefaultMessage()).collect(Collectors.joining("; "));
        }
        return body(HttpStatus.BAD_REQUEST, "Invalid request: " + fields);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Map<String, String>> violated(ConstraintViolationException e) {
        return body(HttpStatus.BAD_REQUEST, "Invalid request: " + e.getConstraintViolations().stream()
                .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; ")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadable(HttpMessageNotReadableException e) {
        return body(HttpStatus.BAD_REQUEST, "Malformed JSON request body");
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, String>> parameter(Exception e) {
        String name = e instanceof MissingServletRequestParameterException
                ? ((MissingServletRequestParameterException) e).getParameterName()
                : ((MethodArgumentTypeMismatchException) e).getName();
        return body(HttpStatus.BAD_REQUEST, "Invalid or missing parameter: " + name);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, String>> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Void> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, String>> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not supported here");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, String>> unexpected(Exception e) {
        log.error("Unexpected error in the REST API", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
    }

    private static String describe(FieldError error) {
        return error.getField() + " " + error.getDefaultMessage();
    }

    static ResponseEntity<Map<String, String>> body(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Collections.singletonMap("message", message));
    }
}
