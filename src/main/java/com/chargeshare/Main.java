package com.chargeshare;

import com.chargeshare.config.AppConfig;
import com.chargeshare.loadtest.LoadTestCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code java -jar ev-chargeshare.jar [serve]} runs the server; {@code loadtest ...} runs the load-test tool. */
@Command(name = "ev-chargeshare", mixinStandardHelpOptions = true, version = "EV ChargeShare 1.0",
  description = "Community EV charger sharing: the server (default) and its load-test tool.",
  subcommands = {Main.Serve.class, LoadTestCommand.class})
public final class Main implements Callable<Integer> {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public Integer call() {
    return new Serve().call();
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the server. Settings: conf/config.json, overridden by CHARGESHARE_* environment variables.")
  static final class Serve implements Callable<Integer> {

    @Override
    public Integer call() {
      App app;
      try {
        app = App.start(AppConfig.load(System.getenv()));
      } catch (RuntimeException e) {
        log.error("Could not start: {}", e.getMessage(), e);
        return 1;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        log.info("Shutting down");
        app.close();
        stopped.countDown();
      }, "shutdown"));
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
  }
}
