package com.chargeshare.booking;

import java.time.Instant;

/** A candidate time window on a charger, as offered in alternatives. */
public record Window(long chargerId, Instant start, Instant end) {
}
