package com.chargeshare.text;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;

/** Amounts in minor units with their currency, written one way everywhere (format.js mirrors it in the browser). */
public final class Money {

  private static final Map<String, String> SYMBOLS = Map.of("INR", "₹", "USD", "$", "EUR", "€", "GBP", "£", "JPY", "¥");

  private Money() {
  }

  /** Decimal places of a currency's minor unit (2 for INR, 0 for JPY); 2 for a code Java does not know. */
  public static int fractionDigits(String currency) {
    try {
      return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException | NullPointerException e) {
      return 2;
    }
  }

  /** Minor units as an exact amount in major units, with the currency's decimals: 15000 INR → 150.00. */
  public static BigDecimal amount(long minor, String currency) {
    return BigDecimal.valueOf(minor, fractionDigits(currency));
  }

  /** Minor units as a plain number in major units, for charts: 15000 INR → 150.0. */
  public static double major(long minor, String currency) {
    return amount(minor, currency).doubleValue();
  }

  /**
   * {@code 15000, "INR"} → {@code ₹150.00}, {@code 500, "JPY"} → {@code ¥500}; a currency without a symbol here
   * is written out after the amount: {@code 1.500 KWD}, {@code 150.00 AED}. Thousands are grouped with commas.
   * Written by hand rather than with a {@code DecimalFormat}, which is built anew per call (it is not thread-safe)
   * and cost 4 % of the server's CPU per booking, whose notifications state the price.
   */
  public static String format(long minor, String currency) {
    StringBuilder amount = new StringBuilder(24);
    if (minor < 0) {
      amount.append('-');
    }
    String units = amount(minor, currency).abs().toPlainString();
    int point = units.indexOf('.');
    int whole = point < 0 ? units.length() : point;
    for (int i = 0; i < whole; i++) {
      if (i > 0 && (whole - i) % 3 == 0) {
        amount.append(',');
      }
      amount.append(units.charAt(i));
    }
    amount.append(units, whole, units.length());
    String symbol = SYMBOLS.get(currency);
    return symbol != null ? symbol + amount : amount + " " + currency;
  }
}
