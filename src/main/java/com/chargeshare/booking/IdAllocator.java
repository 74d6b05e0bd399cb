package com.chargeshare.booking;

import io.vertx.core.Future;

/**
 * Hands out ids from blocks reserved in id_sequences, so a whole group commit can be named before it is
 * written, and several nodes never collide. Thread-safe: the db-lock engine shares one across event loops.
 */
final class IdAllocator {

  private static final int BLOCK = 1000;

  private final IdSequences sequences;
  private final String sequence;
  private long next;
  private long limit;

  IdAllocator(IdSequences sequences, String sequence) {
    this.sequences = sequences;
    this.sequence = sequence;
  }

  /** The first of {@code n} consecutive fresh ids. */
  Future<Long> take(int n) {
    if (n == 0) {
      return Future.succeededFuture(0L);
    }
    synchronized (this) {
      if (limit - next >= n) {
        long first = next;
        next += n;
        return Future.succeededFuture(first);
      }
    }
    int size = Math.max(BLOCK, n);
    return sequences.allocate(sequence, size).map(first -> {
      synchronized (this) {
        next = first + n;
        limit = first + size;
      }
      return first;
    });
  }
}
