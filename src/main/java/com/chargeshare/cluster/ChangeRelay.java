package com.chargeshare.cluster;

import com.chargeshare.booking.ChangeEvent;
import com.chargeshare.booking.LocalCodec;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

/**
 * Carries committed changes between the nodes of a cluster, so a WebSocket on any node hears a change committed
 * on any node. The engine keeps publishing each change on this node's bus alone; this verticle forwards the
 * node's own changes to every other node once, and republishes the changes of other nodes here. One verticle,
 * one event loop, one connection per peer: a charger's changes arrive in commit order.
 */
public final class ChangeRelay extends VerticleBase {

  public static final String ADDRESS = "chargeshare.changes.cluster";
  private static final String ORIGIN = "origin";
  private static final String COMMITTED_AT_MILLIS = "committedAtMillis";

  private final String node;

  public ChangeRelay(String node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    return Future.all(
      vertx.eventBus().<ChangeEvent>localConsumer(ChangeEvent.ADDRESS, this::forward).completion(),
      vertx.eventBus().<ChangeEvent>consumer(ADDRESS, this::arrived).completion());
  }

  private void forward(Message<ChangeEvent> msg) {
    if (msg.headers().contains(ORIGIN)) {
      return;
    }
    ChangeEvent e = msg.body();
    // the commit's wall-clock time: nanoTime means nothing on another JVM
    long committedAtMillis = System.currentTimeMillis() - (System.nanoTime() - e.committedAtNanos()) / 1_000_000;
    vertx.eventBus().publish(ADDRESS, e, new DeliveryOptions().setCodecName(LocalCodec.NAME)
      .addHeader(ORIGIN, node).addHeader(COMMITTED_AT_MILLIS, String.valueOf(committedAtMillis)));
  }

  private void arrived(Message<ChangeEvent> msg) {
    String origin = msg.headers().get(ORIGIN);
    if (origin == null || origin.equals(node)) {
      return;
    }
    ChangeEvent e = msg.body();
    long ageNanos = Math.max(0, System.currentTimeMillis() - Long.parseLong(msg.headers().get(COMMITTED_AT_MILLIS))) * 1_000_000;
    ChangeEvent here = new ChangeEvent(e.chargerId(), e.seq(), e.changes(), e.chargerStatus(), e.availableNow(), e.lat(),
      e.lng(), System.nanoTime() - ageNanos, e.kind(), e.hostId(), e.pricePerHourMinor(), e.currency());
    vertx.eventBus().publish(ChangeEvent.ADDRESS, here, new DeliveryOptions().setCodecName(LocalCodec.NAME)
      .setLocalOnly(true).addHeader(ORIGIN, origin));
  }
}
