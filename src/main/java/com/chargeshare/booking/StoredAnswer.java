package com.chargeshare.booking;

/** An answer as the edge worded it (status and body), kept so a retry hears exactly the same. */
public record StoredAnswer(int status, String body) {
}
