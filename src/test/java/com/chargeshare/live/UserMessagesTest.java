package com.chargeshare.live;

import com.chargeshare.support.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Messages for a user's sockets: a node alone publishes only for users with a socket open on it")
class UserMessagesTest {

  private Vertx vertx;
  private final List<Long> heard = new CopyOnWriteArrayList<>();

  @BeforeEach
  void listen() throws Exception {
    vertx = Vertx.vertx();
    vertx.eventBus().<String>consumer(UserMessages.ADDRESS, msg -> heard.add(UserMessages.userOf(msg)))
      .completion().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("alone: nothing is published for a user with no socket; while one is open (of two) it is; after both close it is not")
  void alone() {
    UserMessages users = new UserMessages(vertx.eventBus(), false);
    // the message is not even built
    users.publish(7, () -> {
      throw new AssertionError("built for a user with no socket open");
    });
    users.opened(7);
    users.opened(7);
    users.closed(7);
    users.publish(7, () -> new JsonObject().put("type", "notification"));
    users.publish(8, () -> new JsonObject().put("type", "notification"));
    users.closed(7);
    users.publish(7, () -> new JsonObject().put("type", "notification"));
    // a marker, published last, arrives after anything published before it
    users.opened(99);
    users.publish(99, () -> new JsonObject().put("type", "notification"));
    awaitHeard(99L);
    assertThat(heard).containsExactly(7L, 99L);
  }

  @Test
  @DisplayName("in a cluster every message is published: the user's socket may be open on another node")
  void clustered() {
    UserMessages users = new UserMessages(vertx.eventBus(), true);
    users.publish(7, () -> new JsonObject().put("type", "notification"));
    users.publish(99, () -> new JsonObject().put("type", "notification"));
    awaitHeard(99L);
    assertThat(heard).containsExactly(7L, 99L);
  }

  private void awaitHeard(long user) {
    Eventually.within(Duration.ofSeconds(10)).until("the message for user " + user + " is heard", () -> heard.contains(user));
  }
}
