package com.chargeshare.input;

/**
 * Client-supplied text made fit for a log line (ASVS 16.4.1): control characters, line and paragraph separators
 * and bidirectional overrides become {@code \}{@code uXXXX}, so nobody can forge a line or hide one; long text
 * is cut.
 */
public final class LogSafe {

  private static final int MAX = 300;

  private LogSafe() {
  }

  public static String of(Object value) {
    if (value == null) {
      return "-";
    }
    String s = value.toString();
    if (s.length() <= MAX && clean(s)) {
      // the common case (every access-log line has two of these): nothing to escape, nothing copied
      return s;
    }
    StringBuilder out = new StringBuilder(Math.min(s.length(), MAX) + 16);
    for (int i = 0; i < s.length() && out.length() < MAX; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        out.append("\\\\");
      } else if (unsafe(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (out.length() >= MAX && s.length() > MAX) {
      out.append("...");
    }
    return out.toString();
  }

  private static boolean clean(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || unsafe(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean unsafe(char c) {
    return Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
      || (c >= '\u2066' && c <= '\u2069') || c == '\u200e' || c == '\u200f';
  }
}
