package com.chargeshare.loadtest;

/** The kinds of request the scenarios send; the report breaks latency down by them. */
public enum OpKind {
  BOOK("book"),
  SEARCH("search"),
  SLOTS("slots"),
  CANCEL("cancel");

  private final String label;

  OpKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
