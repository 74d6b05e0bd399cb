package com.chargeshare.live;

import com.chargeshare.booking.ChangeEvent;
import com.chargeshare.booking.SlotState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One change as a hub sends it: its {@code slots} and {@code charger} messages, encoded to UTF-8 bytes once, on first
 * use, and shared by every subscriber of the hub. Each socket gets frames over a duplicate of those bytes (its own
 * indexes, the same memory), so a change reaching 10,000 sockets is serialised once, not 10,000 times.
 */
final class Push {

  final ChangeEvent event;
  /** This hub's count of changes: a socket remembers the last it heard, so it hears each change once. */
  final long delivery;
  private final LiveMetrics metrics;
  private ByteBuf slots;
  private ByteBuf charger;

  Push(ChangeEvent event, long delivery, LiveMetrics metrics) {
    this.event = event;
    this.delivery = delivery;
    this.metrics = metrics;
  }

  long chargerId() {
    return event.chargerId();
  }

  /** Queues both messages on the socket's channel, unflushed: the fan-out flushes each socket once per tick. */
  void writeTo(Channel channel) {
    if (slots == null) {
      encode();
    }
    // the frame encoder releases what it is given: a retained duplicate, never the shared bytes themselves
    channel.write(new TextWebSocketFrame(true, 0, slots.retainedDuplicate()), channel.voidPromise());
    channel.write(new TextWebSocketFrame(true, 0, charger.retainedDuplicate()), channel.voidPromise());
  }

  private void encode() {
    String committedAt = committedAt();
    JsonArray changes = new JsonArray();
    event.changes().forEach((SlotState c) -> changes.add(c.toJson()));
    slots = bytes(new JsonObject().put("type", "slots").put("chargerId", event.chargerId()).put("seq", event.seq())
      .put("changes", changes).put("kind", event.kind().name()).put("committedAt", committedAt));
    charger = bytes(new JsonObject().put("type", "charger").put("chargerId", event.chargerId()).put("seq", event.seq())
      .put("status", event.chargerStatus().name()).put("availableNow", event.availableNow())
      .put("lat", event.lat()).put("lng", event.lng()).put("kind", event.kind().name())
      .put("pricePerHourMinor", event.pricePerHourMinor()).put("currency", event.currency())
      .put("committedAt", committedAt));
    metrics.framesEncoded(2);
  }

  /** Heap bytes the garbage collector reclaims once the last frame over them is written: no reference to release. */
  private static ByteBuf bytes(JsonObject message) {
    return Unpooled.wrappedBuffer(message.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** When the change was committed, as an instant: clients can tell how fresh a push is. */
  private String committedAt() {
    return Instant.now().minusNanos(System.nanoTime() - event.committedAtNanos()).toString();
  }
}
