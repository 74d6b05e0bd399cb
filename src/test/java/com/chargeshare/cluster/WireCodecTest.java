package com.chargeshare.cluster;

import com.chargeshare.charger.ChargerStatus;
import com.chargeshare.booking.Booking;
import com.chargeshare.booking.BookingOutcome;
import com.chargeshare.booking.BookingStatus;
import com.chargeshare.booking.Receipt;
import com.chargeshare.booking.ChangeEvent;
import com.chargeshare.booking.SlotState;
import com.chargeshare.failure.Conflict;
import com.chargeshare.failure.SlotTaken;
import com.chargeshare.failure.ValidationFailed;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The wire codec carries commands, answers and refusals between nodes unchanged")
class WireCodecTest {

  private final WireCodec codec = new WireCodec("test", confirmed -> null);
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  private Object roundTrip(Object o) {
    Buffer b = Buffer.buffer().appendString("xx");
    codec.encodeToWire(b, o);
    return codec.decodeFromWire(2, b);
  }

  @Test
  @DisplayName("records, nested records, lists, maps and enums come back equal")
  void records() {
    var result = new BookingOutcome.Confirmed(new Booking(7, 3, 9, T, T.plusSeconds(3600), BookingStatus.CONFIRMED, 15000, "INR", T),
      true);
    assertThat(roundTrip(result)).isEqualTo(result);
    var event = new ChangeEvent(3, 17, List.of(new SlotState(T, T.plusSeconds(1800), "BOOKED")), ChargerStatus.ONLINE, false, 12.9, 77.5,
      123L, ChangeEvent.Kind.BOOKED, 5, 15000, "INR");
    assertThat(roundTrip(event)).isEqualTo(event);
    assertThat(roundTrip(Map.of(1L, List.of(T)))).isEqualTo(Map.of(1L, List.of(T)));
    assertThat(roundTrip(null)).isNull();
  }

  @Test
  @DisplayName("domain failures keep their type, message and details")
  void failures() {
    SlotTaken taken = (SlotTaken) roundTrip(new SlotTaken("taken", List.of(new SlotTaken.Alternative(3, T, T.plusSeconds(3600), "Hub", 1.5, 15000, "INR"))));
    assertThat(taken.getMessage()).isEqualTo("taken");
    assertThat(taken.alternatives()).containsExactly(new SlotTaken.Alternative(3, T, T.plusSeconds(3600), "Hub", 1.5, 15000, "INR"));
    Conflict c = (Conflict) roundTrip(new Conflict(Conflict.Reason.BOOKING_NOT_CANCELLABLE, "no", Map.of("at", T)));
    assertThat(c.reason()).isEqualTo(Conflict.Reason.BOOKING_NOT_CANCELLABLE);
    assertThat(c.details()).containsEntry("at", T);
    assertThat(((ValidationFailed) roundTrip(ValidationFailed.field("start", "bad"))).fields()).containsEntry("start", "bad");
  }

  @Test
  @DisplayName("a receipt crosses as whether there is one; the receiving node words it itself")
  @SuppressWarnings("unchecked")
  void receipts() {
    Receipt mine = confirmed -> null;
    WireCodec receiving = new WireCodec("test", mine);
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, java.util.List.of(Receipt.NONE, (Receipt) confirmed -> null));
    assertThat((java.util.List<Object>) receiving.decodeFromWire(0, b)).containsExactly(Receipt.NONE, mine);
  }

  @Test
  @DisplayName("another library's exception arrives as what it means: a bug report, never an unreadable message")
  void foreignFailures() {
    Object back = roundTrip(new IllegalStateException("boom"));
    assertThat(back).isInstanceOf(WireCodec.RemoteFailure.class);
    assertThat(((Throwable) back).getMessage()).contains("boom");
  }

  @Test
  @DisplayName("a booking's hot messages cross in their compact forms, a tenth of their serialized size; a corrupt one is unreadable")
  void compactForms() {
    var event = new ChangeEvent(3, 17, List.of(new SlotState(T, T.plusSeconds(1800), "BOOKED")), ChargerStatus.ONLINE, false, 12.9, 77.5,
      123L, ChangeEvent.Kind.BOOKED, 5, 15000, "INR");
    Buffer compact = Buffer.buffer();
    codec.encodeToWire(compact, event);
    Buffer serialized = Buffer.buffer();
    codec.encodeToWire(serialized, List.of(event));
    assertThat(codec.decodeFromWire(0, compact)).isEqualTo(event);
    assertThat(compact.length()).isLessThan(serialized.length() / 5);
    assertThat(roundTrip(42L)).isEqualTo(42L);
    Buffer corrupt = Buffer.buffer().appendByte((byte) 7).appendInt(3);
    assertThatThrownBy(() -> codec.decodeFromWire(0, corrupt)).isInstanceOf(IllegalStateException.class)
      .hasMessageContaining("unreadable");
  }

  @Test
  @DisplayName("a message naming a class outside ours and the JDK's is refused")
  void refusesForeignClasses() {
    Buffer b = Buffer.buffer();
    codec.encodeToWire(b, new java.util.concurrent.atomic.AtomicLong(1));
    assertThatThrownBy(() -> codec.decodeFromWire(0, b)).isInstanceOf(IllegalStateException.class);
  }
}
