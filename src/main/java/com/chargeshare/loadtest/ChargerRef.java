package com.chargeshare.loadtest;

/** A charger the tool created, with the host who owns it (and so can list its bookings). */
public record ChargerRef(long id, Account host, double lat, double lng) {
}
