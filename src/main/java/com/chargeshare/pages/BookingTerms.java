package com.chargeshare.pages;

import com.chargeshare.booking.LifecycleSettings;
import com.chargeshare.config.AppConfig;

/**
 * What a driver is told before booking: the cancellation policy, check-in and no-shows, and with payments on how
 * long a hold waits for its payment and where Razorpay Checkout's script comes from ({@code checkoutUrl}, null with
 * payments off; the page's CSP allows exactly it).
 */
public record BookingTerms(String policy, int checkInMinutesBefore, int noShowMinutes, int holdMinutes, String checkoutUrl) {

  public static BookingTerms of(LifecycleSettings lifecycle, AppConfig.Payments payments) {
    return new BookingTerms(lifecycle.policy().describe(), lifecycle.rules().checkInMinutesBefore(), lifecycle.rules().noShowMinutes(),
      payments.on() ? Math.max(1, payments.holdSeconds() / 60) : 0, payments.on() ? payments.razorpay().checkoutUrl() : null);
  }

  public boolean payments() {
    return checkoutUrl != null;
  }
}
