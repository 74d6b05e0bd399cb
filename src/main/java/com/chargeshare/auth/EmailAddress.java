package com.chargeshare.auth;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one canonical form of an email address, for lookup and uniqueness: Unicode NFKC (full-width and other
 * compatibility forms become plain letters), invisible format characters (zero-width spaces and joiners, soft
 * hyphens, BOM) removed, surrounding white space (NBSP included) trimmed, case folded. Accents stay: {@code
 * drivér} and {@code driver} are different mailboxes, compared byte for byte in the database.
 *
 * <p>{@link #limitKey} goes one step further and drops accents as well, so every look-alike of an address
 * counts against the same failed-login budget.
 */
public final class EmailAddress {

  private EmailAddress() {
  }

  public static String canonical(String email) {
    String s = fold(Normalizer.normalize(email, Normalizer.Form.NFKC));
    // folding can produce new compatibility forms (e.g. some Greek and Cherokee letters): settle them
    return Normalizer.normalize(s, Normalizer.Form.NFKC);
  }

  /** The key failed logins are counted under: the canonical form without accents or other combining marks. */
  public static String limitKey(String email) {
    String decomposed = Normalizer.normalize(canonical(email), Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed.codePoints()
      .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK && Character.getType(cp) != Character.ENCLOSING_MARK
        && Character.getType(cp) != Character.COMBINING_SPACING_MARK)
      .forEach(out::appendCodePoint);
    return Normalizer.normalize(out, Normalizer.Form.NFC);
  }

  /** The part before the last {@code @}, canonical; empty when there is none. */
  public static String localPart(String email) {
    String c = canonical(email);
    int at = c.lastIndexOf('@');
    return at < 0 ? "" : c.substring(0, at);
  }

  private static String fold(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().filter(cp -> !invisible(cp)).forEach(out::appendCodePoint);
    return strip(out.toString()).toLowerCase(Locale.ROOT);
  }

  /** Format characters (Cf: U+200B..U+200F, U+2060.., U+FEFF, U+00AD, ...) and the variation selectors. */
  private static boolean invisible(int cp) {
    return Character.getType(cp) == Character.FORMAT
      || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF)
      || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0;
  }

  /** Trims every kind of Unicode white space, NBSP and its relatives included (String.strip misses those). */
  private static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && space(s.charAt(start))) start++;
    while (end > start && space(s.charAt(end - 1))) end--;
    return s.substring(start, end);
  }

  private static boolean space(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }
}
