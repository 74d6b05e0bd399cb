package com.chargeshare.booking;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The compact forms of a booking's cross-node messages read back what was written")
class WireFormsTest {

  private static final Instant T = Instant.parse("2026-12-01T10:00:00.123456789Z");
  private static final Receipt RECEIVING = confirmed -> null;

  private static Object roundTrip(Object o) {
    Buffer b = Buffer.buffer().appendString("xx");
    assertThat(WireForms.write(b, o)).as("has a compact form").isTrue();
    return WireForms.read(b, 2, RECEIVING);
  }

  @Test
  @DisplayName("every hot message of a booking comes back equal, optional fields absent or present, instants to the nanosecond")
  void hotMessages() {
    WireCodecBench.oneBooking().values().forEach(m -> assertThat(roundTrip(m)).isEqualTo(m));
    var busy = List.of(new DriverLedger.Busy(4, T, T.plusSeconds(60)), new DriverLedger.Busy(5, T.plusSeconds(600), T.plusSeconds(900)));
    var granted = new DriverLedger.Granted(9, busy, 3);
    assertThat(roundTrip(granted)).isEqualTo(granted);
    var keyed = new ShardMessages.Book(new BookingEngine.BookRequest(1, 2, T, T.plusSeconds(3600), 30, "käy-1", 15_000L),
      confirmed -> null, granted);
    var back = (ShardMessages.Book) roundTrip(keyed);
    assertThat(back.request()).isEqualTo(keyed.request());
    assertThat(back.driver()).isEqualTo(granted);
    assertThat(back.receipt()).as("a receipt crosses as whether there is one; the receiving node words it").isSameAs(RECEIVING);
    var plain = new ShardMessages.Book(new BookingEngine.BookRequest(1, 2, T, T.plusSeconds(3600), 0, null, null), Receipt.NONE, DriverSide.NOTHING);
    assertThat(((ShardMessages.Book) roundTrip(plain)).receipt()).isSameAs(Receipt.NONE);
    var hold = new Booking(7, 3, 9, T, T.plusSeconds(3600), BookingStatus.PENDING_PAYMENT, 15000, "INR", T, null, null,
      Life.hold(T.plusSeconds(600)));
    var held = new ShardMessages.Done(new BookingOutcome.Confirmed(hold, true));
    assertThat(roundTrip(held)).isEqualTo(held);
    var undone = new DriverMessages.Settle(1, 2, 0, null, null, DriverLedger.NO_SEAT);
    assertThat(roundTrip(undone)).isEqualTo(undone);
    assertThat(roundTrip(0L)).isEqualTo(0L);
  }

  @Test
  @DisplayName("anything else has no compact form and is left to Java serialization")
  void othersAreLeft() {
    Buffer b = Buffer.buffer();
    var refunded = new Booking(7, 3, 9, T, T.plusSeconds(3600), BookingStatus.CANCELLED, 15000, "INR", T, CancelledBy.HOST, "x",
      new Life(null, null, null, new Refund(100, "INR", Refund.Status.PENDING)));
    assertThat(WireForms.write(b, new ShardMessages.Done(new BookingOutcome.Confirmed(refunded, false)))).isFalse();
    assertThat(WireForms.write(b, new ShardMessages.Done(true))).isFalse();
    assertThat(WireForms.write(b, "text")).isFalse();
    assertThat(b.length()).isZero();
  }

  @Test
  @DisplayName("a corrupt form is refused, never read as something else or allocated from a claimed length")
  void corrupt() {
    assertThatThrownBy(() -> WireForms.read(Buffer.buffer().appendByte((byte) 99), 0, RECEIVING)).isInstanceOf(IllegalStateException.class);
    Buffer b = Buffer.buffer();
    WireForms.write(b, new DriverMessages.Reserve(new DriverLedger.Request(1, T, T.plusSeconds(60), 0, "node"), true));
    // the origin's length claimed as 2 GB
    b.setInt(1 + 8 + 13 + 13 + 4, Integer.MAX_VALUE);
    assertThatThrownBy(() -> WireForms.read(b, 0, RECEIVING)).isInstanceOf(IllegalStateException.class);
    Buffer cut = Buffer.buffer();
    WireForms.write(cut, new DriverMessages.Count(5));
    assertThatThrownBy(() -> WireForms.read(cut.getBuffer(0, 5), 0, RECEIVING)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
