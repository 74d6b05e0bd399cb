package com.chargeshare;

import com.chargeshare.auth.AccountService;
import com.chargeshare.auth.AuthGuard;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.booking.BookingRepository;
import com.chargeshare.booking.BookingService;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.config.AppConfig;
import com.chargeshare.db.Database;
import com.chargeshare.live.LiveMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** What the verticles of one node share: built once by {@link App}, handed to each verticle it deploys. */
public record Services(
  AppConfig config,
  Database database,
  PrometheusMeterRegistry metrics,
  AccountService accounts,
  AuthGuard guard,
  ChargerRepository chargers,
  BookingRepository bookings,
  BookingEngine engine,
  BookingService booking,
  LiveMetrics live) {
}
