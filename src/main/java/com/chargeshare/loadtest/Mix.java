package com.chargeshare.loadtest;

import java.util.SplittableRandom;

/**
 * Relative weights of the request kinds in the {@code mixed} scenario, e.g.
 * {@code search=30,slots=40,book=22,cancel=8}: people browse far more than they book.
 */
public record Mix(int search, int slots, int book, int cancel) {

  public static final Mix DEFAULT = new Mix(30, 40, 22, 8);

  /** Parses {@code kind=weight} pairs; kinds left out get weight 0. */
  public static Mix parse(String text) {
    int search = 0;
    int slots = 0;
    int book = 0;
    int cancel = 0;
    for (String part : text.split(",")) {
      String[] kv = part.trim().split("=");
      if (kv.length != 2) {
        throw new IllegalArgumentException("expected kind=weight, got '" + part + "'");
      }
      int weight = Integer.parseInt(kv[1].trim());
      if (weight < 0) {
        throw new IllegalArgumentException("weights must be >= 0");
      }
      switch (kv[0].trim()) {
        case "search" -> search = weight;
        case "slots" -> slots = weight;
        case "book" -> book = weight;
        case "cancel" -> cancel = weight;
        default -> throw new IllegalArgumentException("unknown request kind '" + kv[0] + "'");
      }
    }
    if (search + slots + book + cancel == 0) {
      throw new IllegalArgumentException("at least one weight must be > 0");
    }
    return new Mix(search, slots, book, cancel);
  }

  public OpKind pick(SplittableRandom random) {
    int r = random.nextInt(search + slots + book + cancel);
    if (r < search) {
      return OpKind.SEARCH;
    }
    r -= search;
    if (r < slots) {
      return OpKind.SLOTS;
    }
    r -= slots;
    return r < book ? OpKind.BOOK : OpKind.CANCEL;
  }

  @Override
  public String toString() {
    return "search=" + search + ",slots=" + slots + ",book=" + book + ",cancel=" + cancel;
  }
}
