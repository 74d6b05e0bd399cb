package com.chargeshare.booking;

import com.chargeshare.charger.ChargerStatus;
import io.vertx.core.buffer.Buffer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact binary forms of the messages every booking sends between the nodes of a cluster: the reservation and its
 * grant, the charger's command and its confirmation, the settle, the count and its answer, the committed change.
 * The cluster's wire codec writes these and Java serialization for everything else. A form is a tag, then the
 * fields in a fixed order; each tag is read back field by field into the one type it names, so nothing read from
 * the wire chooses a class. Enums travel as their position: every node of a cluster runs the same build.
 */
public final class WireForms {

  private static final byte RESERVE = 1;
  private static final byte COUNT = 2;
  private static final byte GRANTED = 3;
  private static final byte BOOK = 4;
  private static final byte CONFIRMED = 5;
  private static final byte SETTLE = 6;
  private static final byte CHANGE = 7;
  private static final byte LONG = 8;
  private static final int MAX_STRING_BYTES = 65_536;
  private static final int MAX_ITEMS = 100_000;

  private WireForms() {
  }

  /** Appends {@code o}'s compact form, or nothing and false when it has none. */
  public static boolean write(Buffer b, Object o) {
    if (o instanceof DriverMessages.Reserve r) {
      DriverLedger.Request q = r.request();
      b.appendByte(RESERVE).appendLong(q.driverId());
      instant(b, q.start());
      instant(b, q.end());
      b.appendInt(q.flexMinutes());
      string(b, q.origin());
      b.appendByte(r.count() ? (byte) 1 : 0);
    } else if (o instanceof DriverMessages.Count c) {
      b.appendByte(COUNT).appendLong(c.driverId());
    } else if (o instanceof Long l) {
      b.appendByte(LONG).appendLong(l);
    } else if (o instanceof DriverLedger.Granted g) {
      b.appendByte(GRANTED);
      granted(b, g);
    } else if (o instanceof ShardMessages.Book k) {
      BookingEngine.BookRequest q = k.request();
      b.appendByte(BOOK).appendLong(q.driverId()).appendLong(q.chargerId());
      instant(b, q.start());
      instant(b, q.end());
      b.appendInt(q.flexMinutes());
      string(b, q.idempotencyKey());
      b.appendByte(q.expectedPriceMinor() == null ? 0 : (byte) 1).appendLong(q.expectedPriceMinor() == null ? 0 : q.expectedPriceMinor());
      // a receipt is code, not data: whether there is one, and the receiving node words it
      b.appendByte(k.receipt() == Receipt.NONE ? 0 : (byte) 1);
      granted(b, k.driver());
    } else if (o instanceof ShardMessages.Done d && d.value() instanceof BookingOutcome.Confirmed c && c.booking().life().refund() == null) {
      b.appendByte(CONFIRMED);
      booking(b, c.booking());
      b.appendByte(c.rescheduled() ? (byte) 1 : 0);
    } else if (o instanceof DriverMessages.Settle s) {
      b.appendByte(SETTLE).appendLong(s.driverId()).appendLong(s.reservation()).appendLong(s.bookingId());
      instant(b, s.start());
      instant(b, s.end());
      b.appendInt(s.seat());
    } else if (o instanceof ChangeEvent e) {
      change(b, e);
    } else {
      return false;
    }
    return true;
  }

  /** Reads the form at {@code pos}; a booking command's receipt becomes {@code receipt} when it had one. */
  public static Object read(Buffer b, int pos, Receipt receipt) {
    Reader r = new Reader(b, pos + 1);
    return switch (b.getByte(pos)) {
      case RESERVE -> new DriverMessages.Reserve(new DriverLedger.Request(r.longValue(), r.instant(), r.instant(), r.intValue(),
        r.string()), r.bool());
      case COUNT -> new DriverMessages.Count(r.longValue());
      case LONG -> r.longValue();
      case GRANTED -> r.granted();
      case BOOK -> new ShardMessages.Book(new BookingEngine.BookRequest(r.longValue(), r.longValue(), r.instant(), r.instant(),
        r.intValue(), r.string(), r.optionalLong()), r.bool() ? receipt : Receipt.NONE, r.granted());
      case CONFIRMED -> new ShardMessages.Done(new BookingOutcome.Confirmed(r.booking(), r.bool()));
      case SETTLE -> new DriverMessages.Settle(r.longValue(), r.longValue(), r.longValue(), r.instant(), r.instant(), r.intValue());
      case CHANGE -> r.change();
      default -> throw new IllegalStateException("unknown message form " + b.getByte(pos));
    };
  }

  private static void instant(Buffer b, Instant t) {
    if (t == null) {
      b.appendByte((byte) 0);
    } else {
      b.appendByte((byte) 1).appendLong(t.getEpochSecond()).appendInt(t.getNano());
    }
  }

  private static void string(Buffer b, String s) {
    if (s == null) {
      b.appendInt(-1);
    } else {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      b.appendInt(bytes.length).appendBytes(bytes);
    }
  }

  private static void ordinal(Buffer b, Enum<?> e) {
    b.appendByte(e == null ? -1 : (byte) e.ordinal());
  }

  private static void granted(Buffer b, DriverLedger.Granted g) {
    b.appendLong(g.reservation());
    busy(b, g.busy());
    b.appendInt(g.seat());
  }

  private static void busy(Buffer b, List<DriverLedger.Busy> busy) {
    b.appendInt(busy.size());
    for (DriverLedger.Busy x : busy) {
      b.appendLong(x.bookingId());
      instant(b, x.start());
      instant(b, x.end());
    }
  }

  private static void booking(Buffer b, Booking k) {
    b.appendLong(k.id()).appendLong(k.chargerId()).appendLong(k.driverId());
    instant(b, k.start());
    instant(b, k.end());
    ordinal(b, k.status());
    b.appendLong(k.priceMinor());
    string(b, k.currency());
    instant(b, k.createdAt());
    ordinal(b, k.cancelledBy());
    string(b, k.cancelReason());
    instant(b, k.life().holdExpiresAt());
    instant(b, k.life().checkedInAt());
    ordinal(b, k.life().checkInSource());
  }

  private static void change(Buffer b, ChangeEvent e) {
    b.appendByte(CHANGE).appendLong(e.chargerId()).appendLong(e.seq()).appendInt(e.changes().size());
    for (SlotState s : e.changes()) {
      instant(b, s.start());
      instant(b, s.end());
      string(b, s.status());
    }
    ordinal(b, e.chargerStatus());
    b.appendByte(e.availableNow() ? (byte) 1 : 0).appendDouble(e.lat()).appendDouble(e.lng()).appendLong(e.committedAtNanos());
    ordinal(b, e.kind());
    b.appendLong(e.hostId()).appendLong(e.pricePerHourMinor());
    string(b, e.currency());
  }

  /** Reads fields in order; a length or position out of range is an unreadable message, never a large allocation. */
  private static final class Reader {
    private final Buffer b;
    private int pos;

    Reader(Buffer b, int pos) {
      this.b = b;
      this.pos = pos;
    }

    long longValue() {
      long v = b.getLong(pos);
      pos += 8;
      return v;
    }

    /** A flag, then the value or its placeholder. */
    Long optionalLong() {
      boolean present = bool();
      long v = longValue();
      return present ? v : null;
    }

    int intValue() {
      int v = b.getInt(pos);
      pos += 4;
      return v;
    }

    boolean bool() {
      return b.getByte(pos++) != 0;
    }

    double doubleValue() {
      double v = b.getDouble(pos);
      pos += 8;
      return v;
    }

    Instant instant() {
      if (!bool()) {
        return null;
      }
      long seconds = longValue();
      return Instant.ofEpochSecond(seconds, intValue());
    }

    String string() {
      int n = intValue();
      if (n < 0) {
        return null;
      }
      if (n > MAX_STRING_BYTES || pos + n > b.length()) {
        throw new IllegalStateException("string of " + n + " bytes in a message of " + b.length());
      }
      String s = b.getString(pos, pos + n, StandardCharsets.UTF_8.name());
      pos += n;
      return s;
    }

    <E extends Enum<E>> E ordinal(E[] values) {
      byte i = b.getByte(pos++);
      if (i == -1) {
        return null;
      }
      if (i < 0 || i >= values.length) {
        throw new IllegalStateException("no value " + i + " among " + values.length);
      }
      return values[i];
    }

    int count() {
      int n = intValue();
      if (n < 0 || n > MAX_ITEMS) {
        throw new IllegalStateException("a list of " + n);
      }
      return n;
    }

    DriverLedger.Granted granted() {
      return new DriverLedger.Granted(longValue(), busy(), intValue());
    }

    List<DriverLedger.Busy> busy() {
      int n = count();
      List<DriverLedger.Busy> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(new DriverLedger.Busy(longValue(), instant(), instant()));
      }
      return List.copyOf(out);
    }

    Booking booking() {
      return new Booking(longValue(), longValue(), longValue(), instant(), instant(), ordinal(BookingStatus.values()), longValue(),
        string(), instant(), ordinal(CancelledBy.values()), string(),
        new Life(instant(), instant(), ordinal(CheckInSource.values()), null));
    }

    ChangeEvent change() {
      long chargerId = longValue();
      long seq = longValue();
      int n = count();
      List<SlotState> changes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        changes.add(new SlotState(instant(), instant(), string()));
      }
      return new ChangeEvent(chargerId, seq, List.copyOf(changes), ordinal(ChargerStatus.values()), bool(), doubleValue(),
        doubleValue(), longValue(), ordinal(ChangeEvent.Kind.values()), longValue(), longValue(), string());
    }
  }
}
