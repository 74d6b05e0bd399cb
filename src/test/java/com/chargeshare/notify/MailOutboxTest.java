package com.chargeshare.notify;

import com.chargeshare.db.DbSettings;
import com.chargeshare.support.Eventually;
import com.chargeshare.support.Http;
import com.chargeshare.support.Session;
import com.chargeshare.support.Sql;
import com.chargeshare.support.TestDatabase;
import com.chargeshare.support.TestServer;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Notification mail: a real SMTP server, a transactional outbox that retries, survives restarts and never sends twice")
class MailOutboxTest {

  static GreenMail smtp;
  static TestServer server;
  static Http http;

  static GreenMail smtpOn(int port) {
    GreenMail g = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"))
      .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret:pass"));
    g.start();
    return g;
  }

  static JsonObject mailTo(int port, int maxAttempts) {
    return new JsonObject().put("notify", new JsonObject().put("smtpUrl", "smtp://mailer:s3cret%3Apass@127.0.0.1:" + port)
      .put("outboxPollMillis", 200).put("retryBaseSeconds", 1).put("retryMaxSeconds", 1).put("maxAttempts", maxAttempts)
      .put("sendTimeoutSeconds", 5));
  }

  @BeforeAll
  static void start() {
    smtp = smtpOn(TestServer.freePort());
    server = TestServer.start("mail", mailTo(smtp.getSmtp().getPort(), 8));
    http = new Http(server.url());
  }

  @AfterAll
  static void stop() {
    server.close();
    smtp.stop();
  }

  private static List<MimeMessage> to(GreenMail g, String email) {
    return Arrays.stream(g.getReceivedMessages()).filter(m -> {
      try {
        return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(email));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
  }

  private static long book(Http http, Session driver, long charger, Instant start) {
    var r = http.post("/api/bookings", Http.booking(charger, start, start.plus(Duration.ofHours(1))), driver.token());
    assertThat(r.status()).isEqualTo(201);
    return r.json().getJsonObject("booking").getLong("id");
  }

  @Test
  @DisplayName("a confirmation mails driver and host a plain-text message with the booking in the charger's time zone")
  void mailed() throws Exception {
    Session d = Session.register(http, "DRIVER", "Asha");
    Session h = Session.register(http, "HOST", "Vikram");
    long c = http.createCharger(h.token(), Http.chargerBody("Koramangala plug", 12.93, 77.62).put("timeZone", "Asia/Kolkata"));
    Instant start = Http.hoursAhead(26);
    long id = book(http, d, c, start);
    Eventually.within(Duration.ofSeconds(20)).until("both mailed", () -> to(smtp, d.email()).size() == 1 && to(smtp, h.email()).size() == 1);
    MimeMessage m = to(smtp, d.email()).get(0);
    assertThat(m.getContentType()).startsWith("text/plain");
    assertThat(m.getSubject()).isEqualTo("Booking confirmed at Koramangala plug");
    String body = GreenMailUtil.getBody(m).replace("=\r\n", "").replace("\r\n", "\n");
    String localStart = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH).format(start.atZone(ZoneId.of("Asia/Kolkata")));
    assertThat(body).contains("Hello Asha").contains("Koramangala plug").contains(localStart).contains("IST")
      .contains("Asia/Kolkata").contains("#" + id);
    assertThat(to(smtp, h.email()).get(0).getSubject()).isEqualTo("New booking at Koramangala plug");
    assertThat(Sql.rows(server.db(), "SELECT o.status, o.attempts FROM mail_outbox o JOIN notifications n "
      + "ON n.id = o.notification_id WHERE n.booking_id = ?", id))
      .allSatisfy(r -> {
        assertThat(r.get("status")).isEqualTo("SENT");
        assertThat(((Number) r.get("attempts")).intValue()).isEqualTo(1);
      });
  }

  @Test
  @DisplayName("with the SMTP server down a mail is retried with backoff, then FAILED after the last attempt; "
    + "a mail still pending when the node stops is sent by the next node once SMTP is back")
  void retriesFailsAndSurvivesRestart() throws Exception {
    int deadPort = TestServer.freePort();
    DbSettings db = TestDatabase.fresh("mail-restart");
    TestServer first = TestServer.start(db, mailTo(deadPort, 3));
    Http h1 = new Http(first.url());
    Session d = Session.register(h1, "DRIVER", "Ravi");
    Session host = Session.register(h1, "HOST", "Nila");
    long c = h1.createCharger(host.token());
    long doomed = book(h1, d, c, Http.hoursAhead(40));
    String outbox = "SELECT o.status, o.attempts, o.last_error, o.next_attempt_at, o.created_at FROM mail_outbox o "
      + "JOIN notifications n ON n.id = o.notification_id WHERE n.booking_id = ?";
    Eventually.within(Duration.ofSeconds(30)).untilAsserted("given up after three attempts", () ->
      assertThat(Sql.rows(db, outbox, doomed)).hasSize(2).allSatisfy(r -> {
        assertThat(r.get("status")).isEqualTo("FAILED");
        assertThat(((Number) r.get("attempts")).intValue()).isEqualTo(3);
        assertThat((String) r.get("last_error")).isNotBlank().doesNotContain(d.email()).doesNotContain(host.email());
      }));

    long pending;
    try {
      pending = book(h1, d, c, Http.hoursAhead(44));
      Eventually.within(Duration.ofSeconds(20)).untilAsserted("tried and waiting for the next attempt", () ->
        assertThat(Sql.rows(db, outbox, pending)).hasSize(2).allSatisfy(r -> {
          assertThat(r.get("status")).isEqualTo("PENDING");
          assertThat(((Number) r.get("attempts")).intValue()).isGreaterThanOrEqualTo(1);
        }));
    } finally {
      first.close();
    }
    GreenMail later = smtpOn(deadPort);
    try (TestServer second = TestServer.start(db, mailTo(deadPort, 3))) {
      Eventually.within(Duration.ofSeconds(30)).until("sent by the next node", () -> to(later, d.email()).size() == 1
        && to(later, host.email()).size() == 1);
      assertThat(Sql.rows(db, outbox, pending)).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("SENT"));
      assertThat(Sql.rows(db, outbox, doomed)).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("FAILED"));
      assertThat(later.getReceivedMessages()).hasSize(2);
    } finally {
      later.stop();
    }
  }

  @Test
  @DisplayName("two nodes polling one outbox send each of 60 mails exactly once")
  void severalNodesSendOnce() {
    try (TestServer other = TestServer.start(server.db(), mailTo(smtp.getSmtp().getPort(), 8))) {
      Session d = Session.register(http, "DRIVER", "Many");
      long user = d.userId();
      int before = smtp.getReceivedMessages().length;
      // many mails at once, written as a notification's transaction writes them, while both workers poll
      for (int i = 0; i < 60; i++) {
        Sql.update(server.db(), "INSERT INTO notifications (user_id, kind, booking_id, title, body, created_at) "
          + "VALUES (?, 'REMINDER', ?, ?, 'body', UTC_TIMESTAMP(3))", user, 1_000_000 + i, "Mail " + i);
        Sql.update(server.db(), "INSERT INTO mail_outbox (notification_id, recipient, subject, text_body, status, attempts, "
          + "next_attempt_at, created_at) SELECT id, ?, title, 'text', 'PENDING', 0, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3) "
          + "FROM notifications WHERE user_id = ? AND booking_id = ?", d.email(), user, 1_000_000 + i);
      }
      Eventually.within(Duration.ofSeconds(60)).until("all sent", () -> Sql.count(server.db(),
        "SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND status = 'SENT'", d.email()) == 60);
      Eventually.within(Duration.ofSeconds(3)).every(Duration.ofMillis(1500)).untilAsserted("polls pass", () -> { });
      List<MimeMessage> got = to(smtp, d.email());
      assertThat(got).hasSize(60);
      assertThat(got.stream().map(m -> {
        try {
          return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
          throw new IllegalStateException(e);
        }
      }).collect(Collectors.toSet())).hasSize(60);
      assertThat(smtp.getReceivedMessages().length - before).isEqualTo(60);
      assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM mail_outbox WHERE recipient = ? AND attempts <> 1", d.email())).isZero();
    }
  }
}
