package com.chargeshare.live;

import io.vertx.core.json.JsonArray;

/**
 * A map viewport {@code [minLng, minLat, maxLng, maxLat]}. A box whose minLng is east of its maxLng crosses the
 * antimeridian, as the search API allows.
 */
record Box(double minLng, double minLat, double maxLng, double maxLat) {

  /** The box, or null when the array is not four numbers within -180..180 / -90..90 with minLat <= maxLat. */
  static Box parse(JsonArray a) {
    if (a == null || a.size() != 4) {
      return null;
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      if (!(a.getValue(i) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
        return null;
      }
      v[i] = n.doubleValue();
    }
    boolean ok = v[0] >= -180 && v[0] <= 180 && v[2] >= -180 && v[2] <= 180
      && v[1] >= -90 && v[1] <= 90 && v[3] >= -90 && v[3] <= 90 && v[1] <= v[3];
    return ok ? new Box(v[0], v[1], v[2], v[3]) : null;
  }

  static Box parse(String commaSeparated) {
    JsonArray a = new JsonArray();
    for (String part : commaSeparated.split(",", -1)) {
      try {
        a.add(Double.parseDouble(part.trim()));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return parse(a);
  }

  boolean crossesAntimeridian() {
    return minLng > maxLng;
  }

  boolean contains(double lat, double lng) {
    if (lat < minLat || lat > maxLat) {
      return false;
    }
    return crossesAntimeridian() ? lng >= minLng || lng <= maxLng : lng >= minLng && lng <= maxLng;
  }

  JsonArray toJson() {
    return new JsonArray().add(minLng).add(minLat).add(maxLng).add(maxLat);
  }
}
