package com.chargeshare.booking;

import com.chargeshare.charger.ChargerStatus;
import com.chargeshare.cluster.WireCodec;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU and bytes of the messages one booking sends between nodes (reservation and its grant, the charger's command
 * and its answer, the settle, the change relayed to each other node), each written and read back by the cluster's
 * wire codec: the codec's share of a cross-node hop. Side by side in one run: each message in its compact form, and
 * the same message inside a one-element list, which has none and so goes through Java serialization as every
 * message did before the compact forms. Not a test; run with the test classpath:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) com.chargeshare.booking.WireCodecBench}.
 */
public final class WireCodecBench {

  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private WireCodecBench() {
  }

  /** The messages of one booking whose driver's owner and charger's owner are both on another node. */
  static Map<String, Object> oneBooking() {
    var request = new BookingEngine.BookRequest(123_456, 7_890, T, T.plusSeconds(3600), 0, null);
    var granted = new DriverLedger.Granted(8_123_456_789L, List.of(), 2);
    var booking = new Booking(55_555, 7_890, 123_456, T, T.plusSeconds(3600), BookingStatus.CONFIRMED, 15_000, "INR",
      T.minusSeconds(60), null, null, Life.NONE);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reserve", new DriverMessages.Reserve(new DriverLedger.Request(123_456, T, T.plusSeconds(3600), 0, "a1b2c3d4-node"), true));
    m.put("granted", granted);
    m.put("book", new ShardMessages.Book(request, Receipt.NONE, granted));
    m.put("confirmed", new ShardMessages.Done(new BookingOutcome.Confirmed(booking, false)));
    m.put("settle", new DriverMessages.Settle(123_456, granted.reservation(), 55_555, T, T.plusSeconds(3600), 2));
    m.put("change", new ChangeEvent(7_890, 17, List.of(new SlotState(T, T.plusSeconds(1800), "BOOKED"),
      new SlotState(T.plusSeconds(1800), T.plusSeconds(3600), "BOOKED")), ChargerStatus.ONLINE, false, 12.97, 77.59, 123L,
      ChangeEvent.Kind.BOOKED, 5, 15_000, "INR"));
    return m;
  }

  public static void main(String[] args) {
    MessageCodec<Object, Object> codec = new WireCodec("bench", Receipt.NONE);
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    for (int i = 0; i < 2; i++) {
      System.out.println(report("compact forms", codec, rounds, false));
      System.out.println(report("java serialization", codec, rounds, true));
    }
  }

  /**
   * Per message: bytes, and microseconds of this thread's CPU to write and read it back (after a warm-up of the same
   * count): CPU time rather than wall time, so that other work on a shared machine does not count.
   */
  static String report(String label, MessageCodec<Object, Object> codec, int rounds, boolean serialized) {
    StringBuilder out = new StringBuilder(label).append('\n');
    double total = 0;
    for (var e : oneBooking().entrySet()) {
      Object message = serialized ? List.of(e.getValue()) : e.getValue();
      run(codec, message, rounds);
      long t0 = CPU.getCurrentThreadCpuTime();
      int bytes = run(codec, message, rounds);
      double micros = (CPU.getCurrentThreadCpuTime() - t0) / 1_000.0 / rounds;
      total += micros;
      out.append(String.format("  %-10s %5d bytes %7.2f us%n", e.getKey(), bytes, micros));
    }
    return out.append(String.format("  all six   %7.2f us%n", total)).toString();
  }

  private static int run(MessageCodec<Object, Object> codec, Object message, int rounds) {
    int bytes = 0;
    for (int i = 0; i < rounds; i++) {
      Buffer b = Buffer.buffer(256);
      codec.encodeToWire(b, message);
      bytes = b.length();
      if (codec.decodeFromWire(0, b) == null) {
        throw new IllegalStateException("nothing read back");
      }
    }
    return bytes;
  }
}
