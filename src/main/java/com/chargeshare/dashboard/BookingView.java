package com.chargeshare.dashboard;

import com.chargeshare.booking.Booking;

import java.time.ZoneId;

/** A booking with what its pages show next to it: the charger's name, place and zone, and the driver's name. */
public record BookingView(Booking booking, String chargerName, String address, double lat, double lng, ZoneId zone,
                          String accessInstructions, String driverName) {
}
