package com.chargeshare.live;

import com.chargeshare.booking.ChangeEvent;
import com.chargeshare.booking.SlotState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** One change as a hub sends it: its {@code slots} and {@code charger} messages, encoded once, on first use, for all subscribers. */
final class Push {

  final ChangeEvent event;
  /** This hub's count of changes: a socket remembers the last it heard, so it hears each change once. */
  final long delivery;
  private String slots;
  private String charger;

  Push(ChangeEvent event, long delivery) {
    this.event = event;
    this.delivery = delivery;
  }

  /** When the change was committed, as an instant: clients can tell how fresh a push is. */
  private String committedAt() {
    return Instant.now().minusNanos(System.nanoTime() - event.committedAtNanos()).toString();
  }

  String slots() {
    if (slots == null) {
      JsonArray changes = new JsonArray();
      event.changes().forEach((SlotState c) -> changes.add(c.toJson()));
      slots = new JsonObject().put("type", "slots").put("chargerId", event.chargerId()).put("seq", event.seq())
        .put("changes", changes).put("kind", event.kind().name()).put("committedAt", committedAt()).encode();
    }
    return slots;
  }

  String charger() {
    if (charger == null) {
      charger = new JsonObject().put("type", "charger").put("chargerId", event.chargerId()).put("seq", event.seq())
        .put("status", event.chargerStatus().name()).put("availableNow", event.availableNow())
        .put("lat", event.lat()).put("lng", event.lng()).put("kind", event.kind().name())
        .put("pricePerHourMinor", event.pricePerHourMinor()).put("currency", event.currency())
        .put("committedAt", committedAt()).encode();
    }
    return charger;
  }
}
