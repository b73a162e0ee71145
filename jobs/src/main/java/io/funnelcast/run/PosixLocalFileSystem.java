package io.funnelcast.run;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}), setting permissions and reading a path's own status with
 * java.nio. Without Hadoop's native library, which Spark's jars do not bring, Hadoop runs a {@code chmod}
 * process for every file it creates and a {@code readlink} for every rename: a Delta commit on a local
 * table starts about 25 processes, and the README's four sample days started 1,883. Where the file system
 * is not POSIX (Windows), Hadoop's own way is used.
 *
 * <p>reference.conf's {@code funnelcast.spark.conf} installs it for {@code FileSystem}
 * ({@code spark.hadoop.fs.file.impl}) and for {@code FileContext} ({@link Context},
 * {@code spark.hadoop.fs.AbstractFileSystem.file.impl}), which Delta's log store uses.
 */
public final class PosixLocalFileSystem extends LocalFileSystem {

  public PosixLocalFileSystem() {
    super(new Raw());
  }

  /** The raw (checksum-less) file system under both the FileSystem and the FileContext view. */
  public static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path path, FsPermission permission) throws IOException {
      try {
        Files.setPosixFilePermissions(pathToFile(path).toPath(), PosixFilePermissions.fromString(
            permission.toString()));
      } catch (UnsupportedOperationException notPosix) {
        super.setPermission(path, permission);
      }
    }

    /** The path's own status (a link is not followed), as Hadoop gives it, without starting a process. */
    @Override
    public FileStatus getFileLinkStatus(Path path) throws IOException {
      java.nio.file.Path file = pathToFile(path).toPath();
      PosixFileAttributes attributes;
      try {
        attributes = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + path + " does not exist");
      } catch (UnsupportedOperationException notPosix) {
        return super.getFileLinkStatus(path);
      }
      Path qualified = path.makeQualified(getUri(), getWorkingDirectory());
      Path target = attributes.isSymbolicLink() ? new Path(Files.readSymbolicLink(file).toString()) : null;
      return new FileStatus(attributes.size(), attributes.isDirectory(), 1, getDefaultBlockSize(qualified),
          attributes.lastModifiedTime().toMillis(), attributes.lastAccessTime().toMillis(),
          FsPermission.valueOf((attributes.isDirectory() ? "d" : "-")
              + PosixFilePermissions.toString(attributes.permissions())),
          attributes.owner().getName(), attributes.group().getName(), target, qualified);
    }
  }

  /** The {@code FileContext} view (Hadoop's {@code LocalFs}) over {@link Raw}. */
  public static final class Context extends ChecksumFs {
    public Context(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawContext(uri, conf));
    }
  }

  private static final class RawContext extends DelegateToFileSystem {
    RawContext(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true;
    }
  }
}
