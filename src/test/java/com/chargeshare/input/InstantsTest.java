package com.chargeshare.input;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Instants read from requests")
class InstantsTest {

  @Test
  @DisplayName("every text gives the instant Instant.parse gives, on the fast path or off it")
  void sameAsInstantParse() {
    List<String> texts = List.of("2026-12-01T10:00:00Z", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z", "2028-02-29T12:30:00Z", "2026-12-01T10:00:00.500Z", "2026-12-01T10:00:00+01:00",
      "2026-12-01T24:00:00Z", "2026-06-30T23:59:60Z", "+12026-12-01T10:00:00Z");
    for (String s : texts) {
      assertThat(Instants.parse(s)).as(s).isEqualTo(Instant.parse(s));
    }
  }

  @Test
  @DisplayName("what Instant.parse refuses is refused: no such day, hour or minute, a missing zone, signs, spaces")
  void refused() {
    List<String> texts = List.of("2026-02-30T10:00:00Z", "2027-02-29T10:00:00Z", "2026-13-01T10:00:00Z",
      "2026-12-01T25:00:00Z", "2026-12-01T10:60:00Z", "2026-12-01T10:00:61Z", "2026-12-01T10:00:00",
      "2026-12-01 10:00:00Z", "2026-1a-01T10:00:00Z", "-026-12-01T10:00:00Z", "2026-12-01T1-:00:00Z", "");
    for (String s : texts) {
      assertThatThrownBy(() -> Instant.parse(s)).as("Instant.parse " + s).isInstanceOf(DateTimeParseException.class);
      assertThatThrownBy(() -> Instants.parse(s)).as(s).isInstanceOf(DateTimeParseException.class);
    }
  }
}
