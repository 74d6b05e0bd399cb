package com.chargeshare.payment;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Razorpay's signatures: lower-case hex of HMAC-SHA256 with a secret, over {@code orderId|paymentId} (checkout) or
 * over the raw body (webhooks). Compared in constant time.
 */
public final class Signatures {

  private Signatures() {
  }

  public static String hmacHex(String secret, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The checkout's signature of an order's payment. */
  public static String checkout(String keySecret, String orderId, String paymentId) {
    return hmacHex(keySecret, (orderId + "|" + paymentId).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code given} is the expected signature, in time independent of where they differ. */
  public static boolean matches(String expected, String given) {
    if (given == null) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.trim().toLowerCase(java.util.Locale.ROOT)
      .getBytes(StandardCharsets.US_ASCII));
  }
}
