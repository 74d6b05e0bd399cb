package com.chargeshare.loadtest;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the tool was told during the run: every booking answered 201, every booking it cancelled
 * itself, and the ones whose cancel had no clear answer (they may or may not still exist, so the
 * verifier does not count them as missing). Written from several event loops at once.
 */
public final class BookingLedger {

  /** Notified when a booking is confirmed, with the nanoTime the 201 arrived. */
  public interface ConfirmationListener {
    void confirmed(ServerBooking booking, long receivedNanos);
  }

  private final Map<Long, ServerBooking> confirmed = new ConcurrentHashMap<>();
  private final Set<Long> cancelled = ConcurrentHashMap.newKeySet();
  private final Set<Long> uncertain = ConcurrentHashMap.newKeySet();
  private volatile ConfirmationListener listener = (booking, at) -> { };

  public void onConfirmation(ConfirmationListener listener) {
    this.listener = listener;
  }

  public void confirmed(ServerBooking booking, long receivedNanos) {
    confirmed.put(booking.id(), booking);
    listener.confirmed(booking, receivedNanos);
  }

  public void cancelled(long bookingId) {
    cancelled.add(bookingId);
  }

  public void cancelUncertain(long bookingId) {
    uncertain.add(bookingId);
  }

  public Map<Long, ServerBooking> confirmedBookings() {
    return confirmed;
  }

  public Set<Long> cancelledIds() {
    return cancelled;
  }

  public Set<Long> uncertainIds() {
    return uncertain;
  }
}
