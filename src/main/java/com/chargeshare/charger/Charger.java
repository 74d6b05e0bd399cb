package com.chargeshare.charger;

import io.vertx.core.json.JsonObject;

import java.time.ZoneId;

/** A host's listing as stored. Immutable; an edit produces a new record. */
public record Charger(
  long id,
  long hostId,
  String name,
  String description,
  String address,
  double lat,
  double lng,
  String connectorType,
  double powerKw,
  long pricePerHourMinor,
  String currency,
  int slotMinutes,
  ZoneId timeZone,
  OpeningHours openingHours,
  String accessInstructions,
  ChargerStatus status) {

  public boolean online() {
    return status == ChargerStatus.ONLINE;
  }

  /** Server-side price: the hourly price pro rata for the booked minutes, rounded half up to a minor unit. */
  public long priceFor(long minutes) {
    return (pricePerHourMinor * minutes + 30) / 60;
  }

  public Charger withStatus(ChargerStatus newStatus) {
    return new Charger(id, hostId, name, description, address, lat, lng, connectorType, powerKw, pricePerHourMinor,
      currency, slotMinutes, timeZone, openingHours, accessInstructions, newStatus);
  }

  /** The public view; access instructions only when the caller may see them. */
  public JsonObject toJson(boolean withAccessInstructions) {
    JsonObject o = new JsonObject()
      .put("id", id)
      .put("hostId", hostId)
      .put("name", name)
      .put("description", description)
      .put("address", address)
      .put("lat", lat)
      .put("lng", lng)
      .put("connectorType", connectorType)
      .put("powerKw", powerKw)
      .put("pricePerHourMinor", pricePerHourMinor)
      .put("currency", currency)
      .put("slotMinutes", slotMinutes)
      .put("timeZone", timeZone.getId())
      .put("openingHours", openingHours.alwaysOpen() ? null : openingHours.toJson())
      .put("status", status.name());
    if (withAccessInstructions) {
      o.put("accessInstructions", accessInstructions);
    }
    return o;
  }
}
