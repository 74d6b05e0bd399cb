package com.chargeshare.booking;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes immutable records between verticles of one node by reference. Messages for another node of a future
 * cluster would need a wire codec; senders only ever name a shard address, so only this class would change.
 */
public final class LocalCodec implements MessageCodec<Object, Object> {

  public static final String NAME = "chargeshare-local";
  public static final DeliveryOptions OPTIONS = new DeliveryOptions().setCodecName(NAME);

  @Override
  public void encodeToWire(Buffer buffer, Object o) {
    throw new UnsupportedOperationException("local messages only");
  }

  @Override
  public Object decodeFromWire(int pos, Buffer buffer) {
    throw new UnsupportedOperationException("local messages only");
  }

  @Override
  public Object transform(Object o) {
    return o;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
