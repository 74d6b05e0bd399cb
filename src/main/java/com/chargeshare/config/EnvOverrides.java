package com.chargeshare.config;

import java.util.Map;

/** The environment variables an operator may set, each with the setting of conf/config.json it overrides. */
final class EnvOverrides {

  private EnvOverrides() {
  }

  /**
   * Environment variable → dotted JSON path it overrides. The log settings ({@code CHARGESHARE_LOG_FORMAT},
   * {@code CHARGESHARE_ACCESS_LOG}) are not among them: logback.xml reads those.
   */
  static final Map<String, String> VARIABLES = Map.ofEntries(
    Map.entry("CHARGESHARE_HTTP_PORT", "http.port"),
    Map.entry("CHARGESHARE_EVENT_LOOPS", "eventLoops"),
    Map.entry("CHARGESHARE_NATIVE_TRANSPORT", "nativeTransport"),
    Map.entry("CHARGESHARE_HTTP_HOST", "http.host"),
    Map.entry("CHARGESHARE_ALLOWED_ORIGINS", "http.allowedOrigins"),
    Map.entry("CHARGESHARE_SECURE_COOKIES", "http.secureCookies"),
    Map.entry("CHARGESHARE_HTTP_IDLE_TIMEOUT_SECONDS", "http.idleTimeoutSeconds"),
    Map.entry("CHARGESHARE_HTTP_HEADER_TIMEOUT_SECONDS", "http.headerTimeoutSeconds"),
    Map.entry("CHARGESHARE_METRICS_TOKEN", "metrics.token"),
    Map.entry("CHARGESHARE_LIVE_MAX_SOCKETS_PER_ADDRESS", "live.maxSocketsPerAddress"),
    Map.entry("CHARGESHARE_DB_URL", "db.url"),
    Map.entry("CHARGESHARE_DB_SOCKET", "db.socket"),
    Map.entry("CHARGESHARE_DB_POOL_SIZE", "db.poolSize"),
    Map.entry("CHARGESHARE_DB_COMMIT_POOL_SIZE", "db.commitPoolSize"),
    Map.entry("CHARGESHARE_DB_EMBEDDED_BUFFER_POOL_MB", "db.embeddedBufferPoolMb"),
    Map.entry("CHARGESHARE_DATA_DIR", "dataDir"),
    Map.entry("CHARGESHARE_PHOTOS_DIR", "photos.dir"),
    Map.entry("CHARGESHARE_GEOCODER_URL", "geocoder.url"),
    Map.entry("CHARGESHARE_GEOCODER_USER_AGENT", "geocoder.userAgent"),
    Map.entry("CHARGESHARE_JWT_SECRET", "auth.jwtSecret"),
    Map.entry("CHARGESHARE_BCRYPT_COST", "auth.bcryptCost"),
    Map.entry("CHARGESHARE_BCRYPT_THREADS", "auth.bcryptThreads"),
    Map.entry("CHARGESHARE_AUTH_ISSUER", "auth.issuer"),
    Map.entry("CHARGESHARE_AUTH_AUDIENCE", "auth.audience"),
    Map.entry("CHARGESHARE_MAX_REGISTRATIONS_PER_ADDRESS", "auth.maxRegistrationsPerAddress"),
    Map.entry("CHARGESHARE_BOOKING_ENGINE", "booking.engine"),
    Map.entry("CHARGESHARE_BOOKING_SHARDS", "booking.shards"),
    Map.entry("CHARGESHARE_BOOKING_MAX_BATCH", "booking.maxBatch"),
    Map.entry("CHARGESHARE_BOOKING_COMMITS_IN_FLIGHT", "booking.commitsInFlight"),
    Map.entry("CHARGESHARE_MAX_UPCOMING_PER_DRIVER", "booking.maxUpcomingPerDriver"),
    Map.entry("CHARGESHARE_ALLOW_DRIVER_OVERLAP", "booking.allowDriverOverlap"),
    Map.entry("CHARGESHARE_BOOKING_ATTEMPTS_PER_MINUTE", "booking.attemptsPerMinute"),
    Map.entry("CHARGESHARE_ACCESS_INSTRUCTIONS_HOURS_BEFORE", "booking.accessInstructionsHoursBefore"),
    Map.entry("CHARGESHARE_NO_SHOW_MINUTES", "booking.noShowMinutes"),
    Map.entry("CHARGESHARE_PAYMENTS", "payments.provider"),
    Map.entry("CHARGESHARE_PAYMENT_HOLD_SECONDS", "payments.holdSeconds"),
    Map.entry("CHARGESHARE_CANCELLATION_POLICY", "payments.cancellationPolicy"),
    Map.entry("CHARGESHARE_RAZORPAY_KEY_ID", "payments.razorpay.keyId"),
    Map.entry("CHARGESHARE_RAZORPAY_KEY_SECRET", "payments.razorpay.keySecret"),
    Map.entry("CHARGESHARE_RAZORPAY_WEBHOOK_SECRET", "payments.razorpay.webhookSecret"),
    Map.entry("CHARGESHARE_RAZORPAY_API_URL", "payments.razorpay.apiUrl"),
    Map.entry("CHARGESHARE_RAZORPAY_CHECKOUT_URL", "payments.razorpay.checkoutUrl"),
    Map.entry("CHARGESHARE_MAP_TILE_URL", "map.tileUrl"),
    Map.entry("CHARGESHARE_GOOGLE_MAPS_KEY", "map.googleMapsKey"),
    Map.entry("CHARGESHARE_METRICS_DISABLED", "metrics.disabled"),
    Map.entry("CHARGESHARE_CLUSTER", "cluster.enabled"),
    Map.entry("CHARGESHARE_CLUSTER_HOST", "cluster.host"),
    Map.entry("CHARGESHARE_CLUSTER_PORT", "cluster.port"),
    Map.entry("CHARGESHARE_CLUSTER_MEMBERS", "cluster.members"),
    Map.entry("CHARGESHARE_NODE_NAME", "cluster.nodeName"),
    Map.entry("CHARGESHARE_SMTP_URL", "notify.smtpUrl"),
    Map.entry("CHARGESHARE_MAIL_FROM", "notify.mailFrom"),
    Map.entry("CHARGESHARE_REMINDER_MINUTES_BEFORE", "notify.reminderMinutesBefore"),
    Map.entry("CHARGESHARE_DEMO", "demo"));
}
