package com.chargeshare.security;

import com.chargeshare.support.Sql;
import com.chargeshare.support.TestServer;
import io.vertx.core.json.JsonObject;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ASVS 5.0 chapter V6 (Authentication), item by item, over real HTTP against the real server and database, with
 * the limits an operator gets by default: 5 failed logins per account and 20 per address in 15 minutes.
 */
@DisplayName("ASVS V6 Authentication: passwords, login limits, look-alike emails")
class V6AuthenticationTest {

  private static final String PASSWORD = "correct-horse-1";
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("sec_v6");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Each test speaks from a loopback address of its own, so per-address limits never leak between tests. */
  private static FromAddress from(int n) {
    return new FromAddress("127.0.0." + n, server.port());
  }

  private static String email(String local) {
    return local + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  private static JsonObject fieldsOf(FromAddress.Answer a) {
    return a.json().getJsonObject("error").getJsonObject("details").getJsonObject("fields");
  }

  private static FromAddress.Answer register(FromAddress client, String email, String password) {
    return client.post("/api/auth/register", new JsonObject().put("email", email).put("password", password)
      .put("name", "Asha").put("role", "DRIVER"), null);
  }

  @Test
  @DisplayName("6.2.1 / 6.2.9: 8..128 characters are accepted (emoji count as one), shorter and longer are refused")
  void V6_2_1_passwords_of_8_to_128_characters() {
    FromAddress c = from(21);
    for (String ok : new String[]{"tq8-zmvb", "x".repeat(60) + "-Lh4-" + "y".repeat(63), "🔋🔋🔋🔋🔋🔋🔋🔋"}) {
      assertThat(register(c, email("ok"), ok).status()).as(ok).isEqualTo(201);
    }
    for (String bad : new String[]{"tq8-zmv", "x".repeat(60) + "-Lh4-" + "y".repeat(64)}) {
      String e = email("bad");
      var r = register(c, e, bad);
      assertThat(r.status()).isEqualTo(400);
      assertThat(fieldsOf(r).containsKey("password")).isTrue();
      assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM users WHERE email = ?", e)).isZero();
    }
  }

  @Test
  @DisplayName("6.2.4: a password among the 10,000 most common is refused with fields.password, in any case")
  void V6_2_4_common_passwords_are_refused() {
    FromAddress c = from(22);
    for (String common : new String[]{"password", "12345678", "password1", "Password1", "qwertyuiop", "iloveyou1", "PASSWORD"}) {
      String e = email("common");
      var r = register(c, e, common);
      assertThat(r.status()).as(common).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("VALIDATION_FAILED");
      assertThat(fieldsOf(r).getString("password")).as(common).contains("common");
      assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM users WHERE email = ?", e)).isZero();
    }
  }

  @Test
  @DisplayName("6.2.11: a password containing the email's local part is refused")
  void V6_2_11_passwords_containing_the_email_local_part_are_refused() {
    FromAddress c = from(23);
    String e = email("meera.k");
    String local = e.substring(0, e.indexOf('@'));
    var r = register(c, e, "my-" + local.toUpperCase() + "-pass");
    assertThat(r.status()).isEqualTo(400);
    assertThat(fieldsOf(r).getString("password")).contains("email");
  }

  @Test
  @DisplayName("6.2.8: long and non-ASCII passwords are verified whole: nothing past bcrypt's 72 bytes is ignored")
  void V6_2_8_passwords_are_verified_whole_never_truncated() {
    FromAddress c = from(24);
    String e = email("long");
    // 40 two-byte letters are 80 UTF-8 bytes: plain bcrypt would ignore everything after the 36th
    String password = "é".repeat(40) + "-tail-A";
    assertThat(register(c, e, password).status()).isEqualTo(201);
    assertThat(c.login(e, "é".repeat(40) + "-tail-B").status()).isEqualTo(401);
    assertThat(c.login(e, "é".repeat(40)).status()).isEqualTo(401);
    assertThat(c.login(e, password).status()).isEqualTo(200);
  }

  @Test
  @DisplayName("6.2.8: accounts hashed before the pre-hash still log in, and their hash is upgraded")
  void V6_2_8_old_plain_bcrypt_hashes_keep_working() throws Exception {
    FromAddress c = from(25);
    String e = email("legacy");
    String legacy = OpenBSDBCrypt.generate("2b", "legacy-pass-77".getBytes(StandardCharsets.UTF_8), new byte[16], 4);
    Sql.update(server.db(), "INSERT INTO users (email, email_normalized, password_hash, password_prehashed, name, role) "
      + "VALUES (?, ?, ?, FALSE, 'Old', 'DRIVER')", e, e, legacy);
    assertThat(c.login(e, "legacy-pass-7").status()).isEqualTo(401);
    assertThat(c.login(e, "legacy-pass-77").status()).isEqualTo(200);
    for (int i = 0; i < 50 && Sql.count(server.db(), "SELECT COUNT(*) FROM users WHERE email = ? AND password_prehashed", e) == 0; i++) {
      Thread.sleep(100);
    }
    assertThat(Sql.count(server.db(), "SELECT COUNT(*) FROM users WHERE email = ? AND password_prehashed", e)).isEqualTo(1);
    assertThat(c.login(e, "legacy-pass-77").status()).isEqualTo(200);
  }

  @Test
  @DisplayName("6.3.1: 40 parallel wrong passwords for one account get at most 5 401s, the rest 429 with Retry-After")
  void V6_3_1_login_limits_hold_under_concurrency() throws Exception {
    String e = email("target");
    assertThat(register(from(26), e, PASSWORD).status()).isEqualTo(201);
    // from many addresses, so only the account's limit can stop them
    List<FromAddress.Answer> answers = parallel(40, i -> from(100 + i).login(e, "wrong-guess-" + i));
    Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(FromAddress.Answer::status, Collectors.counting()));
    assertThat(byStatus.getOrDefault(401, 0L)).isBetween(1L, 5L);
    assertThat(byStatus.getOrDefault(429, 0L)).isEqualTo(40 - byStatus.getOrDefault(401, 0L));
    assertThat(answers.stream().filter(a -> a.status() == 429).allMatch(a -> a.header("retry-after") != null)).isTrue();
    assertThat(from(27).login(e, PASSWORD).status()).as("the right password too, while locked").isEqualTo(429);
  }

  @Test
  @DisplayName("6.3.1: 40 parallel wrong logins from one address (all different accounts) get at most 20 401s")
  void V6_3_1_address_limit_holds_under_concurrency() throws Exception {
    FromAddress c = from(28);
    List<FromAddress.Answer> answers = parallel(40, i -> c.login(email("nobody" + i), "wrong-guess-" + i));
    long unauthorized = answers.stream().filter(a -> a.status() == 401).count();
    assertThat(unauthorized).isBetween(1L, 20L);
    assertThat(answers.stream().filter(a -> a.status() == 429).count()).isEqualTo(40 - unauthorized);
  }

  @Test
  @DisplayName("6.3.1: parallel right logins from one address (an office behind one NAT) all succeed: counting them never deadlocks into a 503")
  void V6_3_1_parallel_logins_from_one_address_succeed() throws Exception {
    List<String> emails = new java.util.ArrayList<>();
    for (int i = 0; i < 18; i++) {
      emails.add(email("office" + i));
      assertThat(register(from(220 + i), emails.get(i), PASSWORD).status()).isEqualTo(201);
    }
    FromAddress office = from(29);
    for (int round = 0; round < 6; round++) {
      List<FromAddress.Answer> answers = parallel(18, i -> office.login(emails.get(i), PASSWORD));
      assertThat(answers).as("round " + round).allSatisfy(a -> assertThat(a.status()).isEqualTo(200));
    }
  }

  @Test
  @DisplayName("6.3.1: emails differing by case, width, accents or invisible characters share one account's limit")
  void V6_3_1_look_alike_emails_count_against_the_same_account() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String e = "driver35-" + tag + "@example.com";
    assertThat(register(from(29), e, PASSWORD).status()).isEqualTo(201);
    String[] lookAlikes = {
      "DRIVER35-" + tag + "@EXAMPLE.COM",
      "drivér35-" + tag + "@example.com",
      "dri\u200bver35-" + tag + "@example.com",
      "\uff44river35-" + tag + "@example.com",
      "driver35-" + tag + "@example.com\u00a0"};
    for (int i = 0; i < lookAlikes.length; i++) {
      assertThat(from(30 + i).login(lookAlikes[i], "wrong-guess").status()).as(lookAlikes[i]).isEqualTo(401);
    }
    for (int i = 0; i < lookAlikes.length; i++) {
      assertThat(from(40 + i).login(lookAlikes[i], PASSWORD).status()).as("locked: " + lookAlikes[i]).isEqualTo(429);
    }
    assertThat(from(46).login(e, PASSWORD).status()).isEqualTo(429);
  }

  @Test
  @DisplayName("6.3.1: a look-alike never logs in as a different account; case, width and invisible characters are the same account")
  void V6_3_1_look_alikes_never_log_in_as_another_account() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String e = "driver36-" + tag + "@example.com";
    var created = register(from(47), e, PASSWORD);
    long id = created.json().getJsonObject("user").getLong("id");
    assertThat(from(48).login("drivér36-" + tag + "@example.com", PASSWORD).status()).isEqualTo(401);
    for (String same : new String[]{"Driver36-" + tag + "@Example.com", "\uff44river36-" + tag + "@example.com",
      "driver36-" + tag + "\u200d@example.com", "\u00a0driver36-" + tag + "@example.com"}) {
      var r = from(49).login(same, PASSWORD);
      assertThat(r.status()).as(same).isEqualTo(200);
      assertThat(r.json().getJsonObject("user").getLong("id")).isEqualTo(id);
    }
    var twin = register(from(50), "\uff44river36-" + tag + "@example.com", "another-pass-9");
    assertThat(twin.status()).as("the same canonical email cannot be registered twice").isEqualTo(409);
  }

  @Test
  @DisplayName("6.3.1: sign-ups are limited per address (100 an hour by default)")
  void V6_3_1_registrations_are_rate_limited() {
    FromAddress c = from(51);
    int created = 0;
    for (int i = 0; i < 100; i++) {
      if (c.register(email("bulk" + i), PASSWORD) == 201) created++;
    }
    assertThat(created).isEqualTo(100);
    var refused = register(c, email("bulk-extra"), PASSWORD);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.errorCode()).isEqualTo("RATE_LIMITED");
    assertThat(refused.header("retry-after")).isNotNull();
  }

  @Test
  @DisplayName("6.3.1: wrong current passwords in a password change count against the account's limit")
  void V6_3_1_password_changes_are_rate_limited() {
    FromAddress c = from(52);
    String e = email("changer");
    register(c, e, PASSWORD);
    String token = c.login(e, PASSWORD).json().getString("token");
    for (int i = 0; i < 5; i++) {
      var r = c.post("/api/auth/password", new JsonObject().put("currentPassword", "not-it-" + i).put("newPassword", "brand-new-pass-1"), token);
      assertThat(r.status()).isEqualTo(400);
      assertThat(fieldsOf(r).containsKey("currentPassword")).isTrue();
    }
    var limited = c.post("/api/auth/password", new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "brand-new-pass-1"), token);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(from(53).login(e, PASSWORD).status()).isEqualTo(429);
  }

  private static <T> List<T> parallel(int n, Function<Integer, T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Callable<T>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        calls.add(() -> call.apply(k));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(calls)) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
