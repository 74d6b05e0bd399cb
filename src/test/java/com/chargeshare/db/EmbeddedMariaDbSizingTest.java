package com.chargeshare.db;

import com.chargeshare.App;
import com.chargeshare.config.AppConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The embedded MariaDB's buffer pool and redo log follow the machine's memory, within bounds")
class EmbeddedMariaDbSizingTest {

  @Test
  @DisplayName("an eighth of the memory, never below MariaDB's own 128 MB nor above 2 GB")
  void bufferPool() {
    assertThat(EmbeddedMariaDb.autoBufferPoolMb(512)).isEqualTo(128);
    assertThat(EmbeddedMariaDb.autoBufferPoolMb(4096)).isEqualTo(512);
    assertThat(EmbeddedMariaDb.autoBufferPoolMb(24 * 1024)).isEqualTo(2048);
    assertThat(EmbeddedMariaDb.autoBufferPoolMb(256 * 1024)).isEqualTo(2048);
  }

  @Test
  @DisplayName("a quarter of the buffer pool, never below MariaDB's own 96 MB nor above 512 MB")
  void redoLog() {
    assertThat(EmbeddedMariaDb.redoLogMb(128)).isEqualTo(96);
    assertThat(EmbeddedMariaDb.redoLogMb(1024)).isEqualTo(256);
    assertThat(EmbeddedMariaDb.redoLogMb(4096)).isEqualTo(512);
  }

  @Test
  @DisplayName("a set size below 16 MB, or negative, is refused at start with the setting's name")
  void refused() {
    for (int mb : new int[]{-1, 1, 15}) {
      assertThatThrownBy(() -> App.start(AppConfig.fromJson(new JsonObject().put("db", new JsonObject().put("embeddedBufferPoolMb", mb)))))
        .hasMessageContaining("CHARGESHARE_DB_EMBEDDED_BUFFER_POOL_MB");
    }
  }
}
