package com.chargeshare.booking;

import com.chargeshare.charger.Charger;

import java.time.Instant;
import java.util.List;

/** What travels to and from a shard owner over the event bus (by reference, through {@link LocalCodec}). */
final class ShardMessages {

  private ShardMessages() {
  }

  sealed interface Command permits Book, Cancel, AddBlock, RemoveBlock, Slots, Avail, Reload, Delete {
    long chargerId();
  }

  record Book(BookingEngine.BookRequest request) implements Command {
    public long chargerId() {
      return request.chargerId();
    }
  }

  record Cancel(long chargerId, long bookingId, long byUserId, Instant start, Instant end) implements Command {
  }

  record AddBlock(long chargerId, Instant start, Instant end, String reason) implements Command {
  }

  record RemoveBlock(long chargerId, long blockId, Instant start, Instant end) implements Command {
  }

  record Slots(long chargerId, Instant from, Instant to) implements Command {
  }

  /** All ids belong to the addressed shard; chargerId is the first of them. */
  record Avail(long chargerId, List<Long> chargerIds, Instant from, Instant to) implements Command {
  }

  record Reload(long chargerId) implements Command {
  }

  record Delete(long chargerId) implements Command {
  }

  /** SLOT_TAKEN as the owner sees it: its own alternatives; the sender adds nearby chargers. */
  record Taken(Charger charger, List<Window> sameCharger) {
  }
}
