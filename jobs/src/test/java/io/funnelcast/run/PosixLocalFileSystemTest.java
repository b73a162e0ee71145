package io.funnelcast.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixLocalFileSystemTest {

  @TempDir
  java.nio.file.Path temp;

  private static Configuration conf() {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", PosixLocalFileSystem.class.getName());
    conf.set("fs.AbstractFileSystem.file.impl", PosixLocalFileSystem.Context.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    return conf;
  }

  @Test
  void filesAreCreatedWithTheirPermissionAndChecksumAsWithHadoopsLocalFileSystem() throws Exception {
    FileSystem fs = FileSystem.get(temp.toUri(), conf());
    assertThat(fs).isInstanceOf(PosixLocalFileSystem.class);
    Path file = new Path(temp.toUri().toString(), "a/part-0.parquet");
    try (FSDataOutputStream out = fs.create(file, FsPermission.createImmutable((short) 0640), true, 4096,
        (short) 1, 1 << 20, null)) {
      out.write("rows".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("a/part-0.parquet"))))
        .isEqualTo("rw-r-----");
    assertThat(temp.resolve("a/.part-0.parquet.crc")).exists();
    fs.setPermission(file, FsPermission.createImmutable((short) 0604));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("a/part-0.parquet"))))
        .isEqualTo("rw----r--");

    FileStatus status = fs.getFileLinkStatus(file);
    assertThat(status.getLen()).isEqualTo(4);
    assertThat(status.isFile()).isTrue();
    assertThat(status.getPermission().toString()).isEqualTo("rw----r--");
    assertThat(status.getPath()).isEqualTo(fs.makeQualified(file));
    assertThat(fs.getFileLinkStatus(file.getParent()).isDirectory()).isTrue();
    assertThatThrownBy(() -> fs.getFileLinkStatus(new Path(file.getParent(), "missing")))
        .isInstanceOf(FileNotFoundException.class);
  }

  @Test
  void aLinkIsReportedAsTheLinkNotItsTarget() throws Exception {
    Files.writeString(temp.resolve("target.json"), "{}");
    Files.createSymbolicLink(temp.resolve("link.json"), temp.resolve("target.json"));
    FileStatus status = FileSystem.get(temp.toUri(), conf())
        .getFileLinkStatus(new Path(temp.resolve("link.json").toUri()));
    assertThat(status.isSymlink()).isTrue();
    assertThat(status.getSymlink().toString()).isEqualTo(temp.resolve("target.json").toString());
  }

  /** Delta's log store commits a version by renaming a temporary file through FileContext, never over one. */
  @Test
  void aFileContextRenameCommitsOnceAndRefusesToReplaceAnExistingFile() throws Exception {
    FileContext context = FileContext.getFileContext(temp.toUri(), conf());
    assertThat(context.getDefaultFileSystem()).isInstanceOf(PosixLocalFileSystem.Context.class);
    Path log = new Path(temp.toUri().toString(), "_delta_log");
    context.mkdir(log, FsPermission.getDirDefault(), true);
    Path version = new Path(log, "00000000000000000000.json");
    for (String attempt : new String[] {"first", "second"}) {
      Path tmp = new Path(log, "." + attempt + ".tmp");
      try (FSDataOutputStream out = context.create(tmp, EnumSet.of(CreateFlag.CREATE))) {
        out.write(attempt.getBytes(StandardCharsets.UTF_8));
      }
      if (attempt.equals("first")) {
        context.rename(tmp, version, Options.Rename.NONE);
      } else {
        assertThatThrownBy(() -> context.rename(tmp, version, Options.Rename.NONE))
            .isInstanceOf(FileAlreadyExistsException.class);
      }
    }
    assertThat(Files.readString(temp.resolve("_delta_log/00000000000000000000.json"))).isEqualTo("first");
  }
}
