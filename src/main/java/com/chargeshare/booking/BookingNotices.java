package com.chargeshare.booking;

import com.chargeshare.charger.Charger;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

import java.time.Instant;
import java.util.List;

/**
 * What the people of new confirmed bookings are told, written in the bookings' own group commit instead of in a
 * transaction of its own after it: the notifications side words the rows before the transaction (reading what it
 * does not know yet), the group commit sends them with the bookings, and they are pushed once it committed. The
 * bookings' events then say they were told ({@link LifecycleEvent#told()}), so no listener tells them again.
 */
public interface BookingNotices {

  /** Nothing is written with the bookings: the events' listeners tell the people, as for every other step. */
  BookingNotices NONE = (confirmed, at) -> Future.succeededFuture(Batch.NONE);

  /** Words the notices of a batch's new confirmed bookings; when it fails the batch commits without them. */
  Future<Batch> prepare(List<Confirmed> confirmed, Instant at);

  /** A new confirmed booking with its charger's listing as the shard holds it. */
  record Confirmed(Booking booking, Charger charger) {
  }

  /** The worded rows of one group commit. */
  interface Batch {

    Batch NONE = new Batch() {
      @Override
      public boolean tells(long bookingId) {
        return false;
      }

      @Override
      public void write(SqlConnection conn, List<Future<?>> sent) {
      }

      @Override
      public void committed() {
      }
    };

    /** Whether the rows tell the people of this booking. */
    boolean tells(long bookingId);

    /** Sends the rows on the group commit's connection, in its transaction. */
    void write(SqlConnection conn, List<Future<?>> sent);

    /** The transaction committed: the people hear it now. */
    void committed();
  }
}
