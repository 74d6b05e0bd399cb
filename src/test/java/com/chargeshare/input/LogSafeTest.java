package com.chargeshare.input;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Client text made fit for a log line")
class LogSafeTest {

  @Test
  @DisplayName("clean text passes as it is; nothing is copied")
  void clean() {
    String path = "/api/chargers/12?lat=*&lng=*";
    assertThat(LogSafe.of(path)).isSameAs(path);
    assertThat(LogSafe.of(null)).isEqualTo("-");
  }

  @Test
  @DisplayName("line breaks, other controls, bidirectional overrides and backslashes are escaped, so no line can be forged")
  void escaped() {
    assertThat(LogSafe.of("GET /x\r\n2026 INFO forged")).isEqualTo("GET /x\\u000d\\u000a2026 INFO forged");
    assertThat(LogSafe.of("a\u202eb\u2028c")).isEqualTo("a\\u202eb\\u2028c");
    assertThat(LogSafe.of("C:\\u000a")).isEqualTo("C:\\\\u000a");
  }

  @Test
  @DisplayName("long text is cut at 300 characters and says so; exactly 300 is kept whole")
  void cut() {
    assertThat(LogSafe.of("x".repeat(300))).isEqualTo("x".repeat(300));
    assertThat(LogSafe.of("y".repeat(1000))).isEqualTo("y".repeat(300) + "...");
  }
}
