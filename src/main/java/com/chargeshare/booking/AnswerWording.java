package com.chargeshare.booking;

import com.chargeshare.failure.DomainFailure;

/** How the edge words a booking's answers; given to the service so the idempotency store keeps those very words. */
public interface AnswerWording {

  StoredAnswer confirmed(BookingOutcome.Confirmed confirmed);

  StoredAnswer refused(DomainFailure refusal);
}
