package com.chargeshare.web;

import com.chargeshare.booking.AnswerWording;
import com.chargeshare.booking.BookingOutcome;
import com.chargeshare.booking.StoredAnswer;
import com.chargeshare.failure.DomainFailure;
import io.vertx.core.json.JsonObject;

/** API.md's answers to {@code POST /api/bookings}: 201 with the booking, or a refusal as ErrorMapper words it. */
public final class BookingAnswers implements AnswerWording {

  @Override
  public StoredAnswer confirmed(BookingOutcome.Confirmed confirmed) {
    JsonObject body = new JsonObject().put("booking", confirmed.booking().toJson()).put("rescheduled", confirmed.rescheduled());
    return new StoredAnswer(201, body.encode());
  }

  @Override
  public StoredAnswer refused(DomainFailure refusal) {
    ApiError error = ErrorMapper.toApiError(refusal, 0);
    return new StoredAnswer(error.status(), error.toJson().encode());
  }
}
