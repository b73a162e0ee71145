package io.funnelcast.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TableDocsTest {

  @Test
  void docsTablesMdMatchesTheTableDefinitions() throws IOException {
    Path docs = Files.isDirectory(Path.of("../docs")) ? Path.of("../docs") : Path.of("docs");
    String rendered = TableDocs.render(TableCatalog.ALL);
    Path regenerated = Path.of("target", "tables.md");
    Files.createDirectories(regenerated.getParent());
    Files.writeString(regenerated, rendered);
    assertThat(Files.readString(docs.resolve("tables.md")))
        .as("docs/tables.md is stale: copy jobs/target/tables.md over it")
        .isEqualTo(rendered);
  }
}
