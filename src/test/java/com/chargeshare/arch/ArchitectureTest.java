package com.chargeshare.arch;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The package graph shows the design")
class ArchitectureTest {

  private static final Path MAIN = Path.of("src/main/java/com/chargeshare");
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?com\\.chargeshare\\.(\\w+)\\.", Pattern.MULTILINE);
  /** The edge: HTTP handlers and pages. Nothing below may know them. */
  private static final Set<String> EDGE = Set.of("web", "pages");
  private static final Set<String> GROUND = Set.of("failure", "input", "text");

  @Test
  @DisplayName("no lower package imports the web layer or the pages")
  void noUpwardImports() throws IOException {
    List<String> offenders = sources()
      .filter(p -> !EDGE.contains(packageOf(p)) && !p.getParent().equals(MAIN))
      .flatMap(p -> imports(p).stream().filter(EDGE::contains).map(pkg -> MAIN.relativize(p) + " imports " + pkg))
      .toList();
    assertThat(offenders).isEmpty();
  }

  @Test
  @DisplayName("domain failures, input parsing and the text of money and times stand on nothing of ours")
  void groundFloor() throws IOException {
    List<String> offenders = sources()
      .filter(p -> GROUND.contains(packageOf(p)))
      .flatMap(p -> imports(p).stream().filter(pkg -> !GROUND.contains(pkg)).map(pkg -> MAIN.relativize(p) + " imports " + pkg))
      .toList();
    assertThat(offenders).isEmpty();
  }

  @Test
  @DisplayName("no main class is over 350 lines")
  void smallClasses() throws IOException {
    List<String> large = sources().filter(p -> lines(p) > 350).map(p -> MAIN.relativize(p) + " has " + lines(p) + " lines").toList();
    assertThat(large).isEmpty();
  }

  private static Stream<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList().stream();
    }
  }

  private static String packageOf(Path file) {
    return MAIN.relativize(file).getName(0).toString();
  }

  private static List<String> imports(Path file) {
    try {
      Matcher m = IMPORT.matcher(Files.readString(file));
      return m.results().map(r -> r.group(1)).distinct().toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long lines(Path file) {
    try (Stream<String> l = Files.lines(file)) {
      return l.count();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
