package com.chargeshare.loadtest;

/**
 * The result of one load request.
 *
 * @param kind      what was sent
 * @param outcome   how the report counts it
 * @param errorKind for errors, a short cause such as {@code http-500}, {@code timeout}; else null
 * @param refusal   for a refused booking or cancel, the server's error code ({@code SLOT_TAKEN},
 *                  {@code DRIVER_OVERLAP}, {@code BOOKING_LIMIT}, {@code RATE_LIMITED}, ...); else null
 */
public record CallResult(OpKind kind, Outcome outcome, String errorKind, String refusal) {

  public CallResult(OpKind kind, Outcome outcome, String errorKind) {
    this(kind, outcome, errorKind, null);
  }

  public static CallResult ofStatus(OpKind kind, int status) {
    Outcome outcome = Outcome.ofStatus(status, kind == OpKind.BOOK);
    return new CallResult(kind, outcome, outcome == Outcome.ERROR ? "http-" + status : null);
  }

  /** A refusal named by the server's error code (read from the answer's body). */
  public static CallResult refused(OpKind kind, int status, String code) {
    CallResult r = ofStatus(kind, status);
    return r.outcome() == Outcome.REJECTED ? new CallResult(kind, Outcome.REJECTED, null, code == null ? "http-" + status : code) : r;
  }

  public static CallResult ofFailure(OpKind kind, Throwable failure) {
    return new CallResult(kind, Outcome.ERROR, ErrorKinds.of(failure));
  }
}
