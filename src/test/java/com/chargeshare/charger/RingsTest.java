package com.chargeshare.charger;

import io.vertx.core.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The nearest chargers, searched in growing circles")
class RingsTest {

  /** Distances (km) of the chargers around a point; each query answers the nearest within its radius, as SQL does. */
  private final List<Double> asked = new ArrayList<>();

  private Future<List<Double>> within(List<Double> distances, double km, int limit) {
    asked.add(km);
    return Future.succeededFuture(distances.stream().filter(d -> d <= km).sorted().limit(limit).toList());
  }

  private List<Double> nearest(List<Double> distances, double radiusKm, int limit) {
    return Rings.nearest(radiusKm, limit, km -> within(distances, km, limit)).result();
  }

  @Test
  @DisplayName("a dense place answers from the first circle alone")
  void dense() {
    List<Double> around = List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 3.0, 7.0);
    assertThat(nearest(around, 10, 5)).containsExactly(0.1, 0.2, 0.3, 0.4, 0.5);
    assertThat(asked).containsExactly(1.0);
  }

  @Test
  @DisplayName("too few in a circle widens it, four times each step, never past the radius")
  void widens() {
    List<Double> around = List.of(0.5, 2.5, 3.5, 9.5, 12.0);
    assertThat(nearest(around, 10, 4)).containsExactly(0.5, 2.5, 3.5, 9.5);
    assertThat(asked).containsExactly(1.0, 4.0, 10.0);
  }

  @Test
  @DisplayName("the answer is the nearest within the radius, the same as one query over the whole radius")
  void sameAsOneQuery() {
    List<Double> around = List.of(0.95, 1.05, 1.1, 3.9, 4.1, 6.0, 8.0, 10.5);
    for (int limit = 1; limit <= around.size(); limit++) {
      for (double radius : new double[] {0.5, 1, 2, 4, 5, 10, 20}) {
        assertThat(nearest(around, radius, limit)).as("limit %d, radius %s", limit, radius)
          .isEqualTo(within(around, radius, limit).result());
      }
    }
  }

  @Test
  @DisplayName("a radius under the first circle is one query of that radius")
  void smallRadius() {
    assertThat(nearest(List.of(0.2, 0.4, 0.6), 0.5, 10)).containsExactly(0.2, 0.4);
    assertThat(asked).containsExactly(0.5);
  }
}
