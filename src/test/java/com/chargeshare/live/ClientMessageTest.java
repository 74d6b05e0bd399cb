package com.chargeshare.live;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A client's text message is parsed into the request it makes, or into the error it gets")
class ClientMessageTest {

  private static ClientMessage parse(String text) {
    return ClientMessage.parse(text, 3);
  }

  @Test
  @DisplayName("subscribe and unsubscribe carry their checked fields and the client's id")
  void requests() {
    ClientMessage sub = parse("{\"type\":\"subscribe\",\"id\":7,\"chargerIds\":[1,2,1],\"bbox\":[77.5,12.9,77.7,13.1]}");
    assertThat(sub).isInstanceOfSatisfying(ClientMessage.Subscribe.class, s -> {
      assertThat(s.id()).isEqualTo(7);
      assertThat(s.request().chargerIds()).containsExactly(1L, 2L);
      assertThat(s.request().box()).isEqualTo(new Box(77.5, 12.9, 77.7, 13.1));
    });
    ClientMessage unsub = parse("{\"type\":\"unsubscribe\",\"id\":\"u1\",\"all\":true}");
    assertThat(unsub).isInstanceOfSatisfying(ClientMessage.Unsubscribe.class, u -> {
      assertThat(u.id()).isEqualTo("u1");
      assertThat(u.request().all()).isTrue();
    });
    assertThat(parse("{\"type\":\"ping\",\"id\":\"p\"}")).isEqualTo(new ClientMessage.Ping("p"));
  }

  @Test
  @DisplayName("an id that is neither a string nor a number is not echoed")
  void oddIds() {
    assertThat(parse("{\"type\":\"ping\",\"id\":{\"x\":1}}")).isEqualTo(new ClientMessage.Ping(null));
  }

  @Test
  @DisplayName("not JSON, not an object, an unknown type or bad fields are invalid, with the fields named")
  void invalid() {
    for (String text : List.of("not json", "[1, 2]", "\"subscribe\"")) {
      assertThat(parse(text)).isInstanceOfSatisfying(ClientMessage.Invalid.class, i -> {
        assertThat(i.id()).isNull();
        assertThat(i.details()).isNull();
      });
    }
    assertThat(parse("{\"type\":\"dance\",\"id\":1}")).isInstanceOfSatisfying(ClientMessage.Invalid.class, i -> {
      assertThat(i.id()).isEqualTo(1);
      assertThat(i.details().getJsonObject("fields").containsKey("type")).isTrue();
    });
    assertThat(parse("{\"type\":\"subscribe\",\"chargerIds\":[1,2,3,4]}")).isInstanceOfSatisfying(ClientMessage.Invalid.class,
      i -> assertThat(i.details().getJsonObject("fields").getString("chargerIds")).isEqualTo("at most 3 ids"));
    assertThat(parse("{\"type\":\"unsubscribe\"}")).isInstanceOfSatisfying(ClientMessage.Invalid.class, i -> {
      assertThat(i.message()).isEqualTo("Invalid unsubscribe message");
      assertThat(i.details().getJsonObject("fields").getString("chargerIds")).isEqualTo("give chargerIds, bbox, mine or all");
    });
  }
}
