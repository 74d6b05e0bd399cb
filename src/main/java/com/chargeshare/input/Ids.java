package com.chargeshare.input;

import java.math.BigInteger;

/**
 * What an id looks like, wherever it arrives: an exact integer 1..2^53−1 (the largest every JSON client holds
 * exactly). In text: ASCII digits only, no sign, no leading zero, no fraction or exponent.
 */
public final class Ids {

  public static final long MAX = (1L << 53) - 1;
  public static final String RULE = "must be a whole number from 1 to " + MAX;

  private Ids() {
  }

  /** The id a path segment or query value names, or null when it is not exactly one. */
  public static Long parse(String text) {
    if (text == null || text.isEmpty() || text.length() > 16 || text.charAt(0) == '0') {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    long id = Long.parseLong(text);
    return id <= MAX ? id : null;
  }

  /** The id a decoded JSON value holds, or null: integral JSON numbers only, so {@code 303.0} is not an id. */
  public static Long of(Object json) {
    long id;
    if (json instanceof Integer || json instanceof Long || json instanceof Short || json instanceof Byte) {
      id = ((Number) json).longValue();
    } else if (json instanceof BigInteger big && big.bitLength() < 63) {
      id = big.longValue();
    } else {
      return null;
    }
    return id >= 1 && id <= MAX ? id : null;
  }
}
