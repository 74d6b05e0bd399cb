package com.chargeshare.failure;

/**
 * A payment message that does not prove a payment of ours: a forged or missing signature, an unknown order, an
 * order of another booking, an amount other than the order's. Nothing is changed by it.
 */
public final class PaymentInvalid extends DomainFailure {

  public PaymentInvalid(String message) {
    super(message);
  }
}
