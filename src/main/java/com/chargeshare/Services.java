package com.chargeshare;

import com.chargeshare.auth.AccountService;
import com.chargeshare.auth.AuthGuard;
import com.chargeshare.booking.AccessInstructions;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.booking.BookingRepository;
import com.chargeshare.booking.BookingService;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.charger.Listings;
import com.chargeshare.cluster.ClusterStatus;
import com.chargeshare.config.AppConfig;
import com.chargeshare.dashboard.BookingViewRepository;
import com.chargeshare.dashboard.HostStats;
import com.chargeshare.db.Database;
import com.chargeshare.geo.Geocoder;
import com.chargeshare.live.LiveMetrics;
import com.chargeshare.live.UserMessages;
import com.chargeshare.notify.NotificationRepository;
import com.chargeshare.pages.Pages;
import com.chargeshare.review.Reviews;
import com.chargeshare.photo.Photos;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.chargeshare.booking.CheckIns;
import com.chargeshare.booking.Canceller;
import com.chargeshare.booking.LifecycleSettings;
import com.chargeshare.payment.PaymentService;
import java.util.Optional;

/**
 * What the verticles of one node share: built once by {@link App}, handed to each verticle it deploys. Nothing
 * here is built per verticle or per request: the pages' template engine and its cache included.
 */
public record Services(
  AppConfig config,
  Database database,
  PrometheusMeterRegistry metrics,
  ClusterStatus cluster,
  AccountService accounts,
  AuthGuard guard,
  ChargerRepository chargers,
  BookingRepository bookings,
  BookingEngine engine,
  BookingService booking,
  LiveMetrics live,
  UserMessages userMessages,
  Pages pages,
  Listings listings,
  AccessInstructions accessInstructions,
  BookingViewRepository bookingViews,
  HostStats hostStats,
  NotificationRepository notifications,
  Reviews reviews,
  LifecycleSettings lifecycle,
  CheckIns checkIns,
  Optional<PaymentService> payments,
  Canceller cancels,
  Photos photos,
  Geocoder geocoder) {
}
