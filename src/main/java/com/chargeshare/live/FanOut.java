package com.chargeshare.live;

import com.chargeshare.booking.ChangeEvent;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPromise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes each committed change to the sockets of one hub that follow it, found through {@link Subscriptions},
 * once per socket however many of its subscriptions match. Single-threaded: the hub's event loop.
 *
 * <p>The change is encoded once, as wire bytes ({@link Push}), and queued on each socket without a flush; every
 * socket written is flushed once the walk is done, so a change costs each socket one system call, not one per
 * frame. (Flushing in a task of its own, to fold changes that arrive together, put the flush behind whatever else
 * the event loop had queued: spread-mode latency was no better for it.)
 *
 * <p>A socket whose client reads slower than changes come (its channel still over {@code maxWriteQueueBytes} once
 * flushed) falls behind: nothing more is queued on it, only the latest change per charger is kept, and when the
 * client has read what was queued those latest changes are sent. A client that missed a change of a charger that
 * way sees a gap in that charger's {@code seq} and re-reads it, as API.md says. A socket more than
 * {@code maxChangesBehind} changes behind is closed with 1008, telling the client to reconnect and re-read: nothing
 * is dropped silently, and what is held per socket stays bounded.
 */
final class FanOut {

  private final Connections connections;
  private final Subscriptions subscriptions;
  private final LiveMetrics metrics;
  private final int maxChangesBehind;
  private final List<LiveSocket> tooFarBehind = new ArrayList<>();
  private final List<LiveSocket> unflushed = new ArrayList<>();
  private long deliveries;
  private int written;

  FanOut(Connections connections, Subscriptions subscriptions, LiveMetrics metrics, int maxChangesBehind) {
    this.connections = connections;
    this.subscriptions = subscriptions;
    this.metrics = metrics;
    this.maxChangesBehind = maxChangesBehind;
  }

  void dispatch(ChangeEvent e) {
    if (connections.isEmpty()) {
      return;
    }
    Push push = new Push(e, ++deliveries, metrics);
    written = 0;
    subscriptions.forEachFollower(e, s -> deliver(s, push));
    flush();
    if (written > 0) {
      metrics.pushed(written, e.committedAtNanos());
    }
    // closed only now: closing a socket changes the indexes being walked above
    if (!tooFarBehind.isEmpty()) {
      tooFarBehind.forEach(connections::dropBehind);
      tooFarBehind.clear();
    }
  }

  private void deliver(LiveSocket s, Push push) {
    if (s.lastDelivery == push.delivery || s.closing) {
      return;
    }
    s.lastDelivery = push.delivery;
    if (s.behind != null) {
      keepLatest(s, push);
    } else if (!writable(s)) {
      fallBehind(s, push);
    } else {
      push.writeTo(s);
      written++;
      flushLater(s);
    }
  }

  /** Over the limit only because of this walk's own unflushed frames is not slow: those are flushed first. */
  private static boolean writable(LiveSocket s) {
    if (s.channel.isWritable()) {
      return true;
    }
    if (s.unflushed) {
      s.channel.flush();
    }
    return s.channel.isWritable();
  }

  private void flushLater(LiveSocket s) {
    if (s.unflushed) {
      return;
    }
    s.unflushed = true;
    unflushed.add(s);
  }

  private void flush() {
    for (LiveSocket s : unflushed) {
      s.unflushed = false;
      s.channel.flush();
    }
    unflushed.clear();
  }

  /**
   * Stops queueing on the socket and marks the end of what is queued with an empty write: its promise completes
   * when the client has taken everything before it.
   */
  private void fallBehind(LiveSocket s, Push push) {
    metrics.fellBehind();
    s.behind = new LinkedHashMap<>();
    s.changesBehind = 1;
    s.behind.put(push.chargerId(), push);
    ChannelPromise caughtUp = s.channel.newPromise();
    caughtUp.addListener(f -> catchUp(s));
    s.channel.writeAndFlush(Unpooled.EMPTY_BUFFER, caughtUp);
  }

  private void keepLatest(LiveSocket s, Push push) {
    // removed and put again: the map keeps the order in which the latest changes came
    if (s.behind.remove(push.chargerId()) != null) {
      metrics.coalesced();
    }
    s.behind.put(push.chargerId(), push);
    if (++s.changesBehind > maxChangesBehind) {
      tooFarBehind.add(s);
    }
  }

  /** Sends the latest change of every charger the socket fell behind on, oldest first; on its event loop. */
  private void catchUp(LiveSocket s) {
    Map<Long, Push> latest = s.behind;
    s.behind = null;
    if (s.closing || latest == null) {
      return;
    }
    latest.values().forEach(p -> p.writeTo(s));
    metrics.caughtUp(latest.size());
    s.channel.flush();
  }
}
