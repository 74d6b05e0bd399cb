package com.chargeshare;

import com.chargeshare.auth.AccountService;
import com.chargeshare.auth.AuthGuard;
import com.chargeshare.auth.JwtSecret;
import com.chargeshare.auth.AttemptLimiter;
import com.chargeshare.auth.AttemptRepository;
import com.chargeshare.auth.PasswordHasher;
import com.chargeshare.auth.PasswordPolicy;
import com.chargeshare.auth.RevocationRepository;
import com.chargeshare.auth.TokenRevocations;
import com.chargeshare.auth.TokenService;
import com.chargeshare.auth.UserRepository;
import com.chargeshare.booking.AccessInstructions;
import com.chargeshare.booking.Alternatives;
import com.chargeshare.booking.LocalBookingAttempts;
import com.chargeshare.booking.DriverLedgerRepository;
import com.chargeshare.booking.DriverRules;
import com.chargeshare.booking.DriverSide;
import com.chargeshare.booking.BookingEngine;
import com.chargeshare.booking.BookingMetrics;
import com.chargeshare.booking.BookingRepository;
import com.chargeshare.booking.BookingService;
import com.chargeshare.booking.DbLockEngine;
import com.chargeshare.booking.EventBusEngine;
import com.chargeshare.booking.IdSequences;
import com.chargeshare.booking.IdempotencyRepository;
import com.chargeshare.booking.OwnChargerRule;
import com.chargeshare.booking.ShardReadiness;
import com.chargeshare.booking.CancellationPolicy;
import com.chargeshare.booking.CheckIns;
import com.chargeshare.booking.HoldCheck;
import com.chargeshare.booking.LifecycleEvents;
import com.chargeshare.booking.LifecycleRules;
import com.chargeshare.booking.LifecycleSettings;
import com.chargeshare.payment.PaymentRepository;
import com.chargeshare.payment.PaymentService;
import com.chargeshare.payment.RazorpayClient;
import com.chargeshare.payment.Reconciler;
import com.chargeshare.charger.ChargerRepository;
import com.chargeshare.charger.Listings;
import com.chargeshare.cluster.ClusterStatus;
import com.chargeshare.cluster.ShardOwnership;
import com.chargeshare.config.AppConfig;
import com.chargeshare.dashboard.BookingViewRepository;
import com.chargeshare.dashboard.HostStats;
import com.chargeshare.dashboard.HostStatsRepository;
import com.chargeshare.db.Database;
import com.chargeshare.geo.Geocoder;
import com.chargeshare.live.LiveMetrics;
import com.chargeshare.live.UserMessages;
import com.chargeshare.notify.CommitNotices;
import com.chargeshare.notify.NotificationRepository;
import com.chargeshare.pages.Pages;
import com.chargeshare.review.ReviewRepository;
import com.chargeshare.review.Reviews;
import com.chargeshare.photo.PhotoRepository;
import com.chargeshare.photo.PhotoStore;
import com.chargeshare.photo.Photos;
import com.chargeshare.web.BookingAnswers;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Optional;
import java.util.function.IntConsumer;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Builds the objects a node's verticles share, each once, from the configuration: the one place where repositories,
 * services, engines and pages meet. {@link App} starts the node around them.
 */
final class Wiring {

  private Wiring() {
  }

  static Services services(Vertx vertx, AppConfig config, Database database, PrometheusMeterRegistry registry, Path dataDir,
                                   Clock clock, IdSequences sequences, ClusterStatus cluster, String nodeId)
    throws java.util.concurrent.TimeoutException {
    var auth = config.auth();
    UserRepository users = new UserRepository(database.pool());
    TokenRevocations revocations = new TokenRevocations(new RevocationRepository(database.pool()));
    // every revocation still in force is known before the first request is served
    revocations.start(vertx, auth.revocationPollMillis()).await(30, java.util.concurrent.TimeUnit.SECONDS);
    TokenService tokens = new TokenService(vertx, JwtSecret.resolve(auth.jwtSecret(), dataDir), auth.tokenTtlMinutes(),
      auth.issuer(), auth.audience(), revocations, users);
    AttemptLimiter limiter = new AttemptLimiter(new AttemptRepository(database.pool()), new AttemptLimiter.Limits(
      auth.maxFailedLoginsPerAccount(), auth.maxFailedLoginsPerAddress(), auth.failedLoginWindowSeconds(),
      auth.maxRegistrationsPerAddress(), auth.registrationWindowSeconds()));
    vertx.setPeriodic(60_000, id -> limiter.purge());
    int bcryptThreads = auth.bcryptThreads() > 0 ? auth.bcryptThreads() : PasswordHasher.defaultThreads();
    AccountService accounts = new AccountService(users, new PasswordHasher(vertx, auth.bcryptCost(), bcryptThreads, auth.bcryptQueue()),
      PasswordPolicy.load(), tokens, limiter);
    AuthGuard guard = new AuthGuard(tokens, config.http().allowedOrigins(), config.http().secureCookies());
    ChargerRepository chargers = new ChargerRepository(database.pool());
    IdempotencyRepository answers = new IdempotencyRepository(database.pool());
    DriverLedgerRepository driverClaims = new DriverLedgerRepository(database.pool());
    BookingRepository bookings = new BookingRepository(database.pool(), database.commitPool(), answers, driverClaims);
    var b = config.booking();
    BookingMetrics metrics = new BookingMetrics(registry, b.engine());
    Alternatives alternatives = new Alternatives(chargers, clock);
    DriverRules rules = driverRules(config);
    int shards = config.bookingShards();
    var p = config.payments();
    var l = config.lifecycle();
    PaymentRepository paymentRows = new PaymentRepository(database.pool());
    RazorpayClient razorpay = p.on() ? new RazorpayClient(vertx, p.razorpay()) : null;
    NotificationRepository notifications = new NotificationRepository(database.pool());
    UserMessages userMessages = new UserMessages(vertx.eventBus(), config.cluster().enabled());
    LifecycleSettings lifecycle = new LifecycleSettings(
      new LifecycleRules(p.on() ? p.holdSeconds() : 0, l.checkInMinutesBefore(), l.noShowMinutes(), l.tickMillis()),
      CancellationPolicy.parse(p.cancellationPolicy()), p.on() ? new Reconciler(razorpay, paymentRows) : HoldCheck.NONE,
      new CommitNotices(userMessages, notifications, config.notifications().mail()));
    BookingEngine engine = b.dbLock()
      ? new DbLockEngine(vertx, chargers, bookings, sequences, alternatives, metrics, b.horizonDays(), clock, rules, driverClaims,
        lifecycle, LocalBookingAttempts.perMinute(b.attemptsPerMinute(), clock))
      : new EventBusEngine(vertx, shards, new ShardReadiness(shards), bookings, alternatives, metrics, clock,
        new DriverSide(vertx, shards, rules, b.attemptsPerMinute(), clock, nodeId), new ShardReadiness(shards),
        hops(cluster), lifecycle);
    Optional<PaymentService> payments = p.on() ? Optional.of(new PaymentService(p.razorpay(), razorpay, paymentRows, bookings, engine,
      new LifecycleEvents(vertx.eventBus()), clock)) : Optional.empty();
    BookingService booking = new BookingService(engine, answers, alternatives, b.idempotencyHours(), clock, new BookingAnswers(),
      new OwnChargerRule(chargers));
    return new Services(config, database, registry, cluster, accounts, guard, chargers, bookings, engine, booking,
      new LiveMetrics(registry), userMessages, new Pages(vertx, notifications::unread), new Listings(chargers),
      new AccessInstructions(bookings, b.accessInstructionsHoursBefore(), clock),
      new BookingViewRepository(database.pool()), new HostStats(new HostStatsRepository(database.pool())), notifications,
      new Reviews(new ReviewRepository(database.pool()), clock), lifecycle,
      new CheckIns(engine, bookings, lifecycle.rules(), clock), payments,
      (id, by, reason) -> engine.cancel(id, by, reason).compose(c -> payments.map(pay -> pay.afterCancel(c)).orElse(Future.succeededFuture(c))),
      photos(vertx, config, database, clock), new Geocoder(vertx, config.geocoder(), clock));
  }

  private static Photos photos(Vertx vertx, AppConfig config, Database database, Clock clock) {
    PhotoStore store = new PhotoStore(vertx, config.photos().dir());
    store.prepare();
    return new Photos(vertx, new PhotoRepository(database.pool()), store, config.photos(), clock);
  }

  /** Counts event-bus hops to shards on other nodes (a clustered node only). */
  private static IntConsumer hops(ClusterStatus cluster) {
    if (cluster instanceof ShardOwnership ownership) {
      return ownership::hop;
    }
    return shard -> { };
  }

  static DriverRules driverRules(AppConfig config) {
    return new DriverRules(config.booking().allowDriverOverlap(), Math.max(0, config.booking().maxUpcomingPerDriver()));
  }
}
