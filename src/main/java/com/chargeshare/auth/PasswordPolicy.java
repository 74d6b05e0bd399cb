package com.chargeshare.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be (ASVS 6.2): 8..128 characters (counted as Unicode code points, so no one is
 * refused for an emoji), not one of the 10,000 most common passwords (resources/auth/common-passwords.txt, its
 * source named beside it), and not containing the local part of the account's email.
 */
public final class PasswordPolicy {

  public static final int MIN = 8;
  public static final int MAX = 128;
  /** Shorter local parts ({@code a@x.in}) are too common inside words to refuse. */
  private static final int MIN_LOCAL_PART = 3;

  private final Set<String> common;

  private PasswordPolicy(Set<String> common) {
    this.common = common;
  }

  public static PasswordPolicy load() {
    Set<String> words = new HashSet<>(16_384);
    var in = PasswordPolicy.class.getResourceAsStream("/auth/common-passwords.txt");
    if (in == null) {
      throw new IllegalStateException("the common-password list is missing from the jar");
    }
    try (var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(l -> words.add(l.toLowerCase(Locale.ROOT)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PasswordPolicy(Set.copyOf(words));
  }

  public int size() {
    return common.size();
  }

  /** The problem with this password for an account with this email, or null when it is acceptable. */
  public String problem(String password, String email) {
    int length = password.codePointCount(0, password.length());
    if (length < MIN) {
      return "must be at least " + MIN + " characters";
    }
    if (length > MAX) {
      return "must be at most " + MAX + " characters";
    }
    String folded = password.toLowerCase(Locale.ROOT);
    if (common.contains(folded)) {
      return "is one of the most common passwords; choose another";
    }
    if (email != null) {
      String local = EmailAddress.localPart(email);
      if (local.length() >= MIN_LOCAL_PART && EmailAddress.canonical(password).contains(local)) {
        return "must not contain your email address";
      }
    }
    return null;
  }
}
