package com.chargeshare.auth;

/** ADMIN exists for operators; nobody can sign up as one. */
public enum Role {
  DRIVER, HOST, ADMIN;

  public boolean selfService() {
    return this != ADMIN;
  }
}
