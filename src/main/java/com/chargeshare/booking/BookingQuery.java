package com.chargeshare.booking;

import java.time.Instant;

/** Filters of {@code GET /api/bookings}: exactly one of driverId / hostId is set. */
public record BookingQuery(Long driverId, Long hostId, String status, Long chargerId, Instant from, Instant to,
                           int limit, int offset) {
}
