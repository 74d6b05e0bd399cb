package com.chargeshare.live;

import com.chargeshare.input.Ids;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A subscribe or unsubscribe message, checked: {@code chargerIds} (positive integers), {@code bbox}
 * ({@code [minLng, minLat, maxLng, maxLat]}), {@code mine} (a host's own chargers) and, to unsubscribe from
 * everything, {@code all}. Bad fields are named in {@link #problems()}, as the HTTP API does.
 */
record LiveRequest(List<Long> chargerIds, Box box, boolean mine, boolean all, Map<String, String> problems) {

  static LiveRequest parse(JsonObject msg, boolean unsubscribe, int maxIds) {
    Map<String, String> problems = new LinkedHashMap<>();
    List<Long> ids = chargerIds(msg.getValue("chargerIds"), maxIds, problems);
    Box box = null;
    Object rawBox = msg.getValue("bbox");
    if (rawBox != null) {
      // the array API.md gives, or the search API's "minLng,minLat,maxLng,maxLat" string
      box = rawBox instanceof JsonArray a ? Box.parse(a) : rawBox instanceof String text ? Box.parse(text) : null;
      if (box == null) {
        problems.put("bbox", "must be [minLng, minLat, maxLng, maxLat] within -180..180 and -90..90, minLat <= maxLat");
      }
    }
    boolean mine = flag(msg, "mine", problems);
    boolean all = unsubscribe && flag(msg, "all", problems);
    if (problems.isEmpty() && ids.isEmpty() && box == null && !mine && !all) {
      problems.put("chargerIds", unsubscribe ? "give chargerIds, bbox, mine or all" : "give chargerIds, bbox or mine");
    }
    return new LiveRequest(ids, box, mine, all, problems);
  }

  private static List<Long> chargerIds(Object raw, int maxIds, Map<String, String> problems) {
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof JsonArray array)) {
      problems.put("chargerIds", "must be an array of charger ids");
      return List.of();
    }
    if (array.size() > maxIds) {
      problems.put("chargerIds", "at most " + maxIds + " ids");
      return List.of();
    }
    Set<Long> ids = new LinkedHashSet<>();
    for (Object o : array) {
      Long id = Ids.of(o);
      if (id == null) {
        problems.put("chargerIds", "must be positive whole numbers up to " + Ids.MAX);
        return List.of();
      }
      ids.add(id);
    }
    return new ArrayList<>(ids);
  }

  private static boolean flag(JsonObject msg, String name, Map<String, String> problems) {
    Object v = msg.getValue(name);
    if (v == null) {
      return false;
    }
    if (!(v instanceof Boolean b)) {
      problems.put(name, "must be true or false");
      return false;
    }
    return b;
  }

  /** The request as acknowledged: what it named, nothing more. */
  JsonObject echo() {
    JsonObject out = new JsonObject();
    if (!chargerIds.isEmpty()) {
      out.put("chargerIds", new JsonArray(new ArrayList<>(chargerIds)));
    }
    if (box != null) {
      out.put("bbox", box.toJson());
    }
    if (mine) {
      out.put("mine", true);
    }
    if (all) {
      out.put("all", true);
    }
    return out;
  }
}
