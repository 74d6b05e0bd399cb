package com.chargeshare.loadtest;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** Names transport failures for the report's error breakdown. */
final class ErrorKinds {

  static final String DROPPED = "dropped-overdue";

  private ErrorKinds() {
  }

  static String of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // Vert.x signals request timeouts with its own (stackless) exception types
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return "timeout";
      }
      if (t instanceof ConnectException) {
        return "connect";
      }
      if (t.getClass().getSimpleName().contains("Closed")) {
        return "connection-closed";
      }
    }
    return "io-" + failure.getClass().getSimpleName();
  }
}
