package com.chargeshare.booking;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

public record SlotState(Instant start, Instant end, String status) {

  public static final String FREE = "FREE";
  public static final String BOOKED = "BOOKED";
  public static final String BLOCKED = "BLOCKED";
  public static final String CLOSED = "CLOSED";
  public static final String PAST = "PAST";
  /** Would be free, but the charger is offline. */
  public static final String OFFLINE = "OFFLINE";

  public JsonObject toJson() {
    return new JsonObject().put("start", start.toString()).put("end", end.toString()).put("status", status);
  }
}
