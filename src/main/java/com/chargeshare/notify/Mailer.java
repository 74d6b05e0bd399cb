package com.chargeshare.notify;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;

/** Sends one plain-text mail through the configured SMTP server (Vert.x's non-blocking mail client, pooled). */
public final class Mailer {

  private final MailClient client;
  private final String from;

  public Mailer(Vertx vertx, SmtpSettings smtp, String from, int timeoutSeconds) {
    MailConfig config = new MailConfig().setHostname(smtp.host()).setPort(smtp.port()).setSsl(smtp.ssl())
      .setStarttls(smtp.ssl() ? StartTLSOptions.DISABLED : StartTLSOptions.OPTIONAL)
      .setLogin(smtp.username() == null ? LoginOption.DISABLED : LoginOption.REQUIRED)
      .setMaxPoolSize(4).setKeepAlive(true);
    config.setConnectTimeout(timeoutSeconds * 1000);
    config.setIdleTimeout(timeoutSeconds);
    if (smtp.username() != null) {
      config.setUsername(smtp.username()).setPassword(smtp.password());
    }
    this.client = MailClient.create(vertx, config);
    this.from = from;
  }

  public Future<Void> send(String to, String subject, String text) {
    return client.sendMail(new MailMessage().setFrom(from).setTo(to).setSubject(subject).setText(text)).mapEmpty();
  }

  public Future<Void> close() {
    return client.close();
  }
}
