package com.chargeshare.booking;

import java.time.Instant;

/** Filters of {@code GET /api/bookings}: exactly one of driverId / hostId is set; status is optional. */
public record BookingQuery(Long driverId, Long hostId, BookingStatus status, Long chargerId, Instant from, Instant to,
                           int limit, int offset) {
}
