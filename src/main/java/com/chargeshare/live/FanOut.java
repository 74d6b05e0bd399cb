package com.chargeshare.live;

import com.chargeshare.booking.ChangeEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes each committed change to the sockets of one hub that follow it, found through {@link Subscriptions},
 * once per socket however many of its subscriptions match. A socket whose write queue is full is closed after the
 * walk, never buffered without bound. Single-threaded: the hub's event loop.
 */
final class FanOut {

  private final Connections connections;
  private final Subscriptions subscriptions;
  private final LiveMetrics metrics;
  private final List<LiveSocket> laggards = new ArrayList<>();
  private long deliveries;

  FanOut(Connections connections, Subscriptions subscriptions, LiveMetrics metrics) {
    this.connections = connections;
    this.subscriptions = subscriptions;
    this.metrics = metrics;
  }

  void dispatch(ChangeEvent e) {
    if (connections.isEmpty()) {
      return;
    }
    Push push = new Push(e, ++deliveries);
    subscriptions.forEachFollower(e, s -> deliver(s, push));
    // dropped only now: closing a socket changes the indexes being walked above
    if (!laggards.isEmpty()) {
      laggards.forEach(connections::dropSlow);
      laggards.clear();
    }
  }

  private void deliver(LiveSocket s, Push push) {
    if (s.lastDelivery == push.delivery || s.closing) {
      return;
    }
    s.lastDelivery = push.delivery;
    if (s.ws.writeQueueFull()) {
      laggards.add(s);
      return;
    }
    s.ws.writeTextMessage(push.slots());
    s.ws.writeTextMessage(push.charger());
    metrics.pushed(push.event.committedAtNanos());
  }
}
