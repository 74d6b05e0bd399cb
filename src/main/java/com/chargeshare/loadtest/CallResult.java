package com.chargeshare.loadtest;

/**
 * The result of one load request.
 *
 * @param kind      what was sent
 * @param outcome   how the report counts it
 * @param errorKind for errors, a short cause such as {@code http-500}, {@code timeout}; else null
 */
public record CallResult(OpKind kind, Outcome outcome, String errorKind) {

  public static CallResult ofStatus(OpKind kind, int status) {
    Outcome outcome = Outcome.ofStatus(status, kind == OpKind.BOOK);
    return new CallResult(kind, outcome, outcome == Outcome.ERROR ? "http-" + status : null);
  }

  public static CallResult ofFailure(OpKind kind, Throwable failure) {
    return new CallResult(kind, Outcome.ERROR, ErrorKinds.of(failure));
  }
}
