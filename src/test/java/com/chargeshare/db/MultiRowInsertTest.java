package com.chargeshare.db;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Rows cut into multi-row INSERT statements")
class MultiRowInsertTest {

  private static List<Integer> cut(int rows) {
    List<Integer> out = new ArrayList<>();
    for (int left = rows; left > 0; left -= out.get(out.size() - 1)) {
      out.add(MultiRowInsert.chunk(left));
    }
    return out;
  }

  @Test
  @DisplayName("a group commit's usual size goes in one statement")
  void oneStatement() {
    assertThat(cut(1)).containsExactly(1);
    assertThat(cut(15)).containsExactly(15);
    assertThat(cut(32)).containsExactly(32);
  }

  @Test
  @DisplayName("more rows go in chunks of 128, 64 and 32, then one statement of the rest")
  void chunks() {
    assertThat(cut(33)).containsExactly(32, 1);
    assertThat(cut(100)).containsExactly(64, 32, 4);
    assertThat(cut(300)).containsExactly(128, 128, 32, 12);
  }

  @Test
  @DisplayName("every count is covered exactly, with at most 34 distinct statement sizes")
  void sizes() {
    Set<Integer> sizes = new HashSet<>();
    for (int rows = 1; rows <= 1000; rows++) {
      List<Integer> cut = cut(rows);
      assertThat(cut.stream().mapToInt(Integer::intValue).sum()).isEqualTo(rows);
      sizes.addAll(cut);
    }
    assertThat(sizes).hasSize(34);
  }

  @Test
  @DisplayName("the statement has one group of placeholders per row, then the suffix")
  void sql() {
    assertThat(MultiRowInsert.sql("t (a, b)", 2, 3, " ON DUPLICATE KEY UPDATE b = b"))
      .isEqualTo("INSERT INTO t (a, b) VALUES (?,?),(?,?),(?,?) ON DUPLICATE KEY UPDATE b = b");
  }
}
