package com.chargeshare.live;

import com.chargeshare.booking.ChangeEvent;
import com.chargeshare.booking.SlotState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One change as a hub sends it: its {@code slots} and {@code charger} messages, built once, on first use, as the
 * complete WebSocket wire bytes of two final text frames in one buffer, and shared by every subscriber of the hub.
 * A server's frames are not masked, so every socket gets the same bytes: a socket without extensions is written a
 * view of the whole buffer ({@link WireFrames}), past Netty's per-socket frame encoder; a socket that negotiated
 * one (compression) is written frames over views of the two payloads, which its encoders then treat as usual.
 */
final class Push {

  final ChangeEvent event;
  /** This hub's count of changes: a socket remembers the last it heard, so it hears each change once. */
  final long delivery;
  private final LiveMetrics metrics;
  private WireFrames wire;

  Push(ChangeEvent event, long delivery, LiveMetrics metrics) {
    this.event = event;
    this.delivery = delivery;
    this.metrics = metrics;
  }

  long chargerId() {
    return event.chargerId();
  }

  /** Queues both messages on the socket's channel, unflushed: the fan-out flushes each socket once per change. */
  void writeTo(LiveSocket s) {
    if (wire == null) {
      wire = encode();
    }
    // the transport and the frame encoder release what they are given: retained views, never the shared bytes
    if (s.raw) {
      s.channel.write(wire.frames(), s.channel.voidPromise());
    } else {
      Channel channel = s.channel;
      channel.write(new TextWebSocketFrame(true, 0, wire.slotsPayload()), channel.voidPromise());
      channel.write(new TextWebSocketFrame(true, 0, wire.chargerPayload()), channel.voidPromise());
    }
  }

  private WireFrames encode() {
    String committedAt = committedAt();
    JsonArray changes = new JsonArray();
    event.changes().forEach((SlotState c) -> changes.add(c.toJson()));
    byte[] slots = utf8(new JsonObject().put("type", "slots").put("chargerId", event.chargerId()).put("seq", event.seq())
      .put("changes", changes).put("kind", event.kind().name()).put("committedAt", committedAt));
    byte[] charger = utf8(new JsonObject().put("type", "charger").put("chargerId", event.chargerId()).put("seq", event.seq())
      .put("status", event.chargerStatus().name()).put("availableNow", event.availableNow())
      .put("lat", event.lat()).put("lng", event.lng()).put("kind", event.kind().name())
      .put("pricePerHourMinor", event.pricePerHourMinor()).put("currency", event.currency())
      .put("committedAt", committedAt));
    metrics.framesEncoded(2);
    return WireFrames.of(slots, charger);
  }

  private static byte[] utf8(JsonObject message) {
    return message.encode().getBytes(StandardCharsets.UTF_8);
  }

  /** When the change was committed, as an instant: clients can tell how fresh a push is. */
  private String committedAt() {
    return Instant.now().minusNanos(System.nanoTime() - event.committedAtNanos()).toString();
  }

  /**
   * Two text frames as they go on the wire: for each, the header (FIN and the text opcode, the payload length, no
   * mask) and then the payload. The bytes live in a direct buffer, so the transport writes them to every socket
   * without copying them first; its memory is the JDK's, freed by the garbage collector once no view of it is left,
   * so the buffer itself is never released and a late writer (a socket catching up) still finds it whole.
   */
  record WireFrames(ByteBuf all, int slotsAt, int slotsLength, int chargerAt, int chargerLength) {

    static final int FIN_TEXT = 0x81;

    static WireFrames of(byte[] slots, byte[] charger) {
      int slotsHeader = headerLength(slots.length);
      int chargerHeader = headerLength(charger.length);
      int size = slotsHeader + slots.length + chargerHeader + charger.length;
      ByteBuf all = Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(size));
      all.clear();
      writeFrame(all, slots);
      writeFrame(all, charger);
      return new WireFrames(all, slotsHeader, slots.length, slotsHeader + slots.length + chargerHeader, charger.length);
    }

    /** Both frames, for one socket: a view of its own over the shared bytes. */
    ByteBuf frames() {
      return all.retainedDuplicate();
    }

    ByteBuf slotsPayload() {
      return all.retainedSlice(slotsAt, slotsLength);
    }

    ByteBuf chargerPayload() {
      return all.retainedSlice(chargerAt, chargerLength);
    }

    /** RFC 6455 section 5.2: lengths up to 125 in the second byte, then 126 and 16 bits, or 127 and 64 bits. */
    static int headerLength(int payload) {
      return payload < 126 ? 2 : payload <= 0xFFFF ? 4 : 10;
    }

    private static void writeFrame(ByteBuf out, byte[] payload) {
      out.writeByte(FIN_TEXT);
      if (payload.length < 126) {
        out.writeByte(payload.length);
      } else if (payload.length <= 0xFFFF) {
        out.writeByte(126);
        out.writeShort(payload.length);
      } else {
        out.writeByte(127);
        out.writeLong(payload.length);
      }
      out.writeBytes(payload);
    }
  }
}
