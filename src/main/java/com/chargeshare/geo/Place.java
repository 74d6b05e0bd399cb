package com.chargeshare.geo;

import io.vertx.core.json.JsonObject;

/** A place an address search found: its name as the geocoder writes it, and where it is. */
public record Place(String name, double lat, double lng) {

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("lat", lat).put("lng", lng);
  }
}
