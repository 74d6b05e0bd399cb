package com.chargeshare.docs;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@DisplayName("The repository's documents: the contract's copy and the links between files")
class RepositoryDocsTest {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  /** Where the shared contract lies beside a clone, in CI as on a developer's machine. */
  private static final Path SHARED_CONTRACT = ROOT.resolve("../shared/API.md").normalize();
  private static final Set<String> NOT_DOCUMENTS = Set.of(".git", "target", "node_modules", "data");
  private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE_LINK = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s+.*)?$");

  @Test
  @DisplayName("docs/API.md is byte for byte the shared contract, when ../shared/API.md lies beside the clone")
  void contractCopy() throws IOException {
    assumeTrue(Files.exists(SHARED_CONTRACT), "no ../shared/API.md beside this clone");
    Path copy = ROOT.resolve("docs/API.md");
    assertThat(copy).exists();
    assertThat(Files.mismatch(copy, SHARED_CONTRACT))
      .as("first differing byte of docs/API.md and ../shared/API.md (-1: none); copy the shared one over it")
      .isEqualTo(-1L);
  }

  @Test
  @DisplayName("every relative link in a Markdown file names a file or folder a clone has")
  void linksResolve() throws IOException {
    List<Path> documents;
    try (Stream<Path> files = Files.walk(ROOT)) {
      documents = files.filter(p -> p.toString().endsWith(".md"))
        .filter(p -> ROOT.relativize(p).getNameCount() == 1 || !NOT_DOCUMENTS.contains(ROOT.relativize(p).getName(0).toString()))
        .toList();
    }
    assertThat(documents).contains(ROOT.resolve("README.md"));
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path doc : documents) {
      for (String target : relativeLinks(Files.readString(doc))) {
        checked++;
        Path file = doc.getParent().resolve(URLDecoder.decode(target, StandardCharsets.UTF_8)).normalize();
        if (!Files.exists(file)) {
          broken.add(ROOT.relativize(doc) + " → " + target + " (no such file)");
        } else if (ignoredByGit(file)) {
          broken.add(ROOT.relativize(doc) + " → " + target + " (ignored by git: a clone does not have it)");
        }
      }
    }
    assertThat(checked).as("links checked").isPositive();
    assertThat(broken).isEmpty();
  }

  /** Link targets that name a file in the repository: no URL, no in-page anchor; code is not text. */
  private static List<String> relativeLinks(String markdown) {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced || line.startsWith("    ") || line.startsWith("\t")) {
        continue;
      }
      String text = line.replaceAll("`[^`]*`", "");
      Matcher inline = INLINE_LINK.matcher(text);
      while (inline.find()) {
        out.add(inline.group(1));
      }
      Matcher reference = REFERENCE_LINK.matcher(text);
      if (reference.matches()) {
        out.add(reference.group(1));
      }
    }
    out.replaceAll(t -> t.contains("#") ? t.substring(0, t.indexOf('#')) : t);
    out.removeIf(t -> t.isEmpty() || t.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*") || t.startsWith("//"));
    return out;
  }

  /** True when git knows the path is ignored; false when it is not, or when git cannot tell (no git, no work tree). */
  private static boolean ignoredByGit(Path file) {
    try {
      Process git = new ProcessBuilder("git", "check-ignore", "-q", file.toString()).directory(ROOT.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return git.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
