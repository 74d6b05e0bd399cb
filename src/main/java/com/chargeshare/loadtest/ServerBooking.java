package com.chargeshare.loadtest;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A booking as the API shows it; instants kept as epoch seconds.
 */
public record ServerBooking(long id, long chargerId, long driverId, long start, long end, String status) {

  /** Reads the booking JSON of API.md ({@code id, chargerId, driverId, start, end, status}). */
  public static ServerBooking fromJson(JsonObject json) {
    return new ServerBooking(
        json.getLong("id"),
        json.getLong("chargerId"),
        json.getLong("driverId", 0L),
        Instant.parse(json.getString("start")).getEpochSecond(),
        Instant.parse(json.getString("end")).getEpochSecond(),
        json.getString("status"));
  }

  public boolean confirmed() {
    return "CONFIRMED".equals(status);
  }
}
