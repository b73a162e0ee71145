package io.funnelcast.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator on its own: determinism, conservation, planted closed forms. */
class SyntheticLogsTest {
  @TempDir
  Path temp;

  static GenerateOptions options(Path out, long seed) {
    return new GenerateOptions(out, 300, LocalDate.of(2026, 3, 1), 40, seed, 0.02, 0.02, 0.02, 4,
        PlantedBehaviour.defaults());
  }

  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws IOException {
    SyntheticLogs.generate(options(temp.resolve("a"), 7));
    SyntheticLogs.generate(options(temp.resolve("b"), 7));
    SyntheticLogs.generate(options(temp.resolve("c"), 8));
    List<Path> files = files(temp.resolve("a"));
    assertThat(files).hasSize(40 + 2).isEqualTo(files(temp.resolve("b")));
    for (Path file : files) {
      assertThat(Files.readAllBytes(temp.resolve("b").resolve(file))).as(file.toString())
          .isEqualTo(Files.readAllBytes(temp.resolve("a").resolve(file)));
    }
    assertThat(Files.readAllBytes(temp.resolve("c/truth/stage_entries.csv")))
        .isNotEqualTo(Files.readAllBytes(temp.resolve("a/truth/stage_entries.csv")));
  }

  @Test
  void everyLineIsAccountedFor() throws IOException {
    GenerateResult result = SyntheticLogs.generate(options(temp, 3));
    long lines = 0;
    for (Path file : files(temp.resolve("raw"))) {
      lines += Files.readAllLines(temp.resolve("raw").resolve(file)).size();
    }
    assertThat(lines).isEqualTo(result.lines());
    assertThat(result.users()).isEqualTo(300);
    assertThat(result.lateEvents()).isPositive();
    assertThat(result.duplicateLines()).isPositive();
    assertThat(result.badLines()).isPositive();
    assertThat(Files.readAllLines(temp.resolve("truth/stage_entries.csv"))).hasSize((int) result.stageEntries() + 1)
        .filteredOn(line -> line.startsWith("u") && line.contains(",awareness,1,")).hasSize(300);
  }

  @Test
  void plantedCurvesFollowTheLogNormalLaw() {
    LogNormal time = new LogNormal(5, 1.2);
    assertThat(time.cdf(5)).isCloseTo(0.5, within(1e-7));
    // ln(10 / 5) / 1.2 = 0.5776 -> Phi = 0.71824
    assertThat(time.cdf(10)).isCloseTo(0.71824, within(1e-5));
    assertThat(time.quantile(time.cdf(17))).isCloseTo(17, within(1e-6));
    assertThat(PlantedTruth.curve(0.35, time, 10)).isCloseTo(0.35 * 0.71824, within(1e-5));
  }
}
