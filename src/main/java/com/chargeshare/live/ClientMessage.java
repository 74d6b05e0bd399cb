package com.chargeshare.live;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;

/**
 * One text message from a client, parsed into what it asks for: subscribe, unsubscribe, ping, or nothing valid
 * (answered with {@code VALIDATION_FAILED}, and the socket stays open). A client may tag a request with an
 * {@code id}, a string or a number; the answer carries it back.
 */
sealed interface ClientMessage {

  /** The client's tag for the answer, or null. */
  Object id();

  record Subscribe(Object id, LiveRequest request) implements ClientMessage {
  }

  record Unsubscribe(Object id, LiveRequest request) implements ClientMessage {
  }

  record Ping(Object id) implements ClientMessage {
  }

  /** Not a request the protocol knows: the error's message and details, as they are answered. */
  record Invalid(Object id, String message, JsonObject details) implements ClientMessage {
  }

  static ClientMessage parse(String text, int maxChargerIds) {
    Object decoded;
    try {
      decoded = Json.decodeValue(text);
    } catch (DecodeException e) {
      decoded = null;
    }
    if (!(decoded instanceof JsonObject msg)) {
      return new Invalid(null, "Messages are JSON objects such as {\"type\":\"subscribe\",\"chargerIds\":[1]}", null);
    }
    Object id = msg.getValue("id") instanceof String || msg.getValue("id") instanceof Number ? msg.getValue("id") : null;
    Object type = msg.getValue("type");
    if ("subscribe".equals(type) || "unsubscribe".equals(type)) {
      boolean unsubscribe = "unsubscribe".equals(type);
      LiveRequest r = LiveRequest.parse(msg, unsubscribe, maxChargerIds);
      if (!r.problems().isEmpty()) {
        JsonObject fields = new JsonObject();
        r.problems().forEach(fields::put);
        return new Invalid(id, "Invalid " + type + " message", new JsonObject().put("fields", fields));
      }
      return unsubscribe ? new Unsubscribe(id, r) : new Subscribe(id, r);
    }
    if ("ping".equals(type)) {
      return new Ping(id);
    }
    return new Invalid(id, "Unknown message type",
      new JsonObject().put("fields", new JsonObject().put("type", "must be subscribe, unsubscribe or ping")));
  }
}
