package com.chargeshare.live;

import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The viewport index finds exactly the sockets whose boxes hold a point")
class BoxIndexTest {

  private final BoxIndex index = new BoxIndex();

  private static LiveSocket socket() {
    return new LiveSocket(null, null, true, null, 0);
  }

  private List<LiveSocket> at(double lat, double lng) {
    List<LiveSocket> out = new ArrayList<>();
    index.forEachAt(lat, lng, out::add);
    return out;
  }

  @Test
  @DisplayName("a street, a city, a country and the whole world are each found inside and not outside")
  void everyScale() {
    LiveSocket street = socket();
    LiveSocket city = socket();
    LiveSocket country = socket();
    LiveSocket world = socket();
    index.add(street, new Box(77.59, 12.97, 77.60, 12.98));
    index.add(city, new Box(77.40, 12.80, 77.80, 13.20));
    index.add(country, new Box(68, 8, 97, 37));
    index.add(world, new Box(-180, -90, 180, 90));

    assertThat(at(12.975, 77.595)).containsExactlyInAnyOrder(street, city, country, world);
    assertThat(at(12.99, 77.595)).containsExactlyInAnyOrder(city, country, world);
    assertThat(at(28.6, 77.2)).containsExactlyInAnyOrder(country, world);
    assertThat(at(51.5, -0.12)).containsExactly(world);
  }

  @Test
  @DisplayName("edges count as inside, including the poles and the antimeridian")
  void edges() {
    LiveSocket s = socket();
    index.add(s, new Box(77.5, 12.9, 77.7, 13.1));
    assertThat(at(12.9, 77.5)).containsExactly(s);
    assertThat(at(13.1, 77.7)).containsExactly(s);
    assertThat(at(13.1000001, 77.7)).isEmpty();

    LiveSocket top = socket();
    index.add(top, new Box(179.9, 89.9, 180, 90));
    assertThat(at(90, 180)).containsExactly(top);
  }

  @Test
  @DisplayName("a box across the antimeridian holds both sides of it and nothing in between")
  void antimeridian() {
    LiveSocket fiji = socket();
    index.add(fiji, new Box(177, -19, -179, -16));
    assertThat(at(-17.7, 178.0)).containsExactly(fiji);
    assertThat(at(-17.7, -179.5)).containsExactly(fiji);
    assertThat(at(-17.7, 0)).isEmpty();
  }

  @Test
  @DisplayName("a removed box is no longer found; the same socket's other boxes still are")
  void removal() {
    LiveSocket s = socket();
    Box a = new Box(77.5, 12.9, 77.7, 13.1);
    Box b = new Box(70, 10, 80, 20);
    index.add(s, a);
    index.add(s, b);
    assertThat(at(13, 77.6)).containsExactly(s, s);
    index.remove(s, a);
    assertThat(at(13, 77.6)).containsExactly(s);
    index.remove(s, b);
    assertThat(at(13, 77.6)).isEmpty();
  }

  @Test
  @DisplayName("only four finite numbers within range, minLat <= maxLat, make a box, as an array or a comma-separated string")
  void parsing() {
    assertThat(Box.parse(new JsonArray().add(77.5).add(12.9).add(77.7).add(13.1))).isNotNull();
    assertThat(Box.parse(new JsonArray().add(177).add(-19).add(-179).add(-16))).isNotNull();
    assertThat(Box.parse(new JsonArray().add(77.5).add(13.1).add(77.7).add(12.9))).isNull();
    assertThat(Box.parse(new JsonArray().add(77.5).add(12.9).add(181).add(13.1))).isNull();
    assertThat(Box.parse(new JsonArray().add(77.5).add(-91).add(77.7).add(13.1))).isNull();
    assertThat(Box.parse(new JsonArray().add("77.5").add(12.9).add(77.7).add(13.1))).isNull();
    assertThat(Box.parse(new JsonArray().add(77.5).add(12.9).add(77.7))).isNull();
    assertThat(Box.parse("77.5, 12.9,77.7,13.1")).isEqualTo(new Box(77.5, 12.9, 77.7, 13.1));
    assertThat(Box.parse("77.5,12.9,77.7")).isNull();
    assertThat(Box.parse("77.5,12.9,east,13.1")).isNull();
  }
}
