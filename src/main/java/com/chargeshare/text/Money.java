package com.chargeshare.text;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.Locale;
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

  /** Minor units as a plain number in major units, for charts: 15000 INR → 150.0. */
  public static double major(long minor, String currency) {
    return BigDecimal.valueOf(minor, fractionDigits(currency)).doubleValue();
  }

  /**
   * {@code 15000, "INR"} → {@code ₹150.00}, {@code 500, "JPY"} → {@code ¥500}; a currency without a symbol here
   * is written out after the amount: {@code 1.500 KWD}, {@code 150.00 AED}.
   */
  public static String format(long minor, String currency) {
    int digits = fractionDigits(currency);
    DecimalFormat f = new DecimalFormat(digits == 0 ? "#,##0" : "#,##0." + "0".repeat(digits),
      DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    String amount = f.format(BigDecimal.valueOf(minor, digits));
    String symbol = SYMBOLS.get(currency);
    return symbol != null ? symbol + amount : amount + " " + currency;
  }
}
