package com.chargeshare.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The verifier")
class VerifierTest {

  private static final long T = 1_800_000_000L;
  private static final long SLOT = 1800;

  private static ServerBooking confirmed(long id, long charger, long start, long slots) {
    return new ServerBooking(id, charger, 7, start, start + slots * SLOT, "CONFIRMED");
  }

  private static BookingLedger ledgerOf(List<ServerBooking> bookings) {
    BookingLedger ledger = new BookingLedger();
    bookings.forEach(b -> ledger.confirmed(b, 0));
    return ledger;
  }

  @Test
  @DisplayName("passes back-to-back bookings and the same slot on different chargers")
  void clean() {
    List<ServerBooking> server = List.of(
        confirmed(1, 10, T, 1), confirmed(2, 10, T + SLOT, 2), confirmed(3, 11, T, 1));
    Verifier.Result r = Verifier.verify(server, ledgerOf(server));
    assertThat(r.ok()).isTrue();
    assertThat(r.doubleBookings()).isZero();
    assertThat(r.missingConfirmed()).isZero();
    assertThat(r.checkedBookings()).isEqualTo(3);
  }

  @Test
  @DisplayName("catches a planted overlap, including one hidden behind a long booking")
  void plantedOverlap() {
    List<ServerBooking> server = new ArrayList<>(List.of(
        confirmed(1, 10, T, 4),
        confirmed(2, 10, T + 4 * SLOT, 1),
        confirmed(3, 10, T + 2 * SLOT, 1),
        confirmed(4, 11, T, 1),
        confirmed(5, 11, T, 1)));
    Verifier.Result r = Verifier.verify(server, ledgerOf(server));
    assertThat(r.ok()).isFalse();
    assertThat(r.doubleBookings()).isEqualTo(2);
    assertThat(r.examples()).anyMatch(e -> e.contains("booking 3 overlaps booking 1"));
  }

  @Test
  @DisplayName("ignores cancelled bookings when looking for overlaps")
  void cancelledDoNotClash() {
    List<ServerBooking> server = List.of(
        confirmed(1, 10, T, 1), new ServerBooking(2, 10, 7, T, T + SLOT, "CANCELLED"));
    assertThat(Verifier.verify(server, new BookingLedger()).doubleBookings()).isZero();
  }

  @Test
  @DisplayName("catches a confirmed booking the server lost, but not one the tool cancelled")
  void missingConfirmed() {
    ServerBooking kept = confirmed(1, 10, T, 1);
    ServerBooking lost = confirmed(2, 10, T + SLOT, 1);
    ServerBooking cancelledByTool = confirmed(3, 10, T + 2 * SLOT, 1);
    ServerBooking cancelUnclear = confirmed(4, 10, T + 3 * SLOT, 1);
    BookingLedger ledger = ledgerOf(List.of(kept, lost, cancelledByTool, cancelUnclear));
    ledger.cancelled(3);
    ledger.cancelUncertain(4);

    Verifier.Result r = Verifier.verify(List.of(kept), ledger);
    assertThat(r.ok()).isFalse();
    assertThat(r.missingConfirmed()).isEqualTo(1);
    assertThat(r.expectedBookings()).isEqualTo(2);
    assertThat(r.examples()).containsExactly("missing confirmed booking 2 on charger 10");
  }

  @Test
  @DisplayName("counts a booking read twice through paging once")
  void duplicatesFromPaging() {
    ServerBooking b = confirmed(1, 10, T, 1);
    Verifier.Result r = Verifier.verify(List.of(b, b), ledgerOf(List.of(b)));
    assertThat(r.ok()).isTrue();
    assertThat(r.checkedBookings()).isEqualTo(1);
  }
}
