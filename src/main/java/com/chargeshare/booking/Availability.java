package com.chargeshare.booking;

import java.time.Instant;

/** What search results and charger pages show about a charger's calendar; {@code windowFree} only when asked. */
public record Availability(long chargerId, boolean availableNow, Instant nextFreeAt, Boolean windowFree, NowStatus nowStatus) {
}
