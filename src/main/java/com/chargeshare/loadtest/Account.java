package com.chargeshare.loadtest;

/**
 * A user the tool registered and logged in.
 *
 * @param bearer the ready-made {@code Authorization} header value
 */
public record Account(long id, String email, String role, String bearer) {
}
