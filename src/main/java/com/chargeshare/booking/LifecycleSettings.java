package com.chargeshare.booking;

/**
 * The lifecycle as both engines apply it: its timing, the cancellation policy that decides refunds, whom to ask
 * before a hold expires (the payment side's reconciliation; {@link HoldCheck#NONE} with payments off), and what the
 * event-bus engine's group commits write to tell the people of new bookings ({@link BookingNotices}).
 */
public record LifecycleSettings(LifecycleRules rules, CancellationPolicy policy, HoldCheck holdCheck, BookingNotices notices) {

  public LifecycleSettings(LifecycleRules rules, CancellationPolicy policy, HoldCheck holdCheck) {
    this(rules, policy, holdCheck, BookingNotices.NONE);
  }

  public static final LifecycleSettings DEFAULT = new LifecycleSettings(LifecycleRules.DEFAULT,
    new CancellationPolicy(java.util.List.of()), HoldCheck.NONE);

  /** The refund a cancel owes: by the policy of what was paid, none when nothing was. */
  WriteSet.RefundDue refundFor(BookingRepository.OwnedBooking owned, CancelledBy by, java.time.Instant now) {
    WriteSet.RefundDue paid = owned.paid();
    if (paid == null) {
      return null;
    }
    long amount = policy.refundMinor(paid.amountMinor(), by, owned.booking().start(), now);
    return amount > 0 ? new WriteSet.RefundDue(paid.paymentId(), amount, paid.currency()) : null;
  }
}
