package dev.rehome.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A physical base backup of a running embedded server, the way Barman takes one: {@code pg_backup_start} (fast
 * checkpoint), a copy of the data directory while the server runs, {@code pg_backup_stop}, whose
 * {@code backup_label} is written into the copy, and the WAL written meanwhile copied after it. A server started
 * on a copy of {@link #directory()} ({@link PostgresServers#startFrom}) replays that WAL from the label's
 * checkpoint, exactly what a CNPG recovery from a base backup does before it serves.
 */
public record BaseBackup(int major, Path directory, String startLsn, String stopLsn) {
    private static final Set<String> SKIPPED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock",
            "backup_label", "tablespace_map", "backup_label.old");
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem",
            "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans");

    public BaseBackup {
        Objects.requireNonNull(directory, "directory");
    }

    /** Takes a base backup of {@code server} into the new directory {@code into}. */
    public static BaseBackup take(PostgresServer server, Path into) {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            Path data = Path.of(single(s, "SHOW data_directory"));
            String start = single(s, "SELECT pg_backup_start('rehome-testkit', true)::text");
            copyTree(data, into, true);
            String stop;
            try (ResultSet rs = s.executeQuery("SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)")) {
                rs.next();
                stop = rs.getString(1);
                Files.writeString(into.resolve("backup_label"), rs.getString(2), StandardCharsets.UTF_8);
                String map = rs.getString(3);
                if (map != null && !map.isEmpty()) {
                    Files.writeString(into.resolve("tablespace_map"), map, StandardCharsets.UTF_8);
                }
            }
            s.execute("SELECT pg_switch_wal()");
            copyTree(data.resolve("pg_wal"), into.resolve("pg_wal"), false);
            sameOwner(data, into);
            return new BaseBackup(server.major(), into, start, stop);
        } catch (SQLException e) {
            throw new IllegalStateException("base backup of " + server + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("base backup of " + server + " failed", e);
        }
    }

    /**
     * A fresh copy of the backup to start a server on; the backup itself stays for the next restore. With
     * {@code immediate}, recovery stops as soon as the copy is consistent (CNPG's {@code targetImmediate}, PostgreSQL's
     * {@code recovery_target = 'immediate'}): the data as of the end of the backup, not WAL written after it.
     */
    public Path copyTo(Path target, boolean immediate) {
        try {
            copyTree(directory, target, false);
            if (immediate) {
                Files.writeString(target.resolve("recovery.signal"), "", StandardCharsets.UTF_8);
                Files.writeString(target.resolve("postgresql.auto.conf"), String.join("\n",
                        "restore_command = 'false'", "recovery_target = 'immediate'",
                        "recovery_target_action = 'promote'", ""), StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.APPEND, java.nio.file.StandardOpenOption.CREATE);
            }
            sameOwner(directory, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the backup's files. */
    public void delete() {
        deleteTree(directory);
    }

    /** Deletes a directory tree (a backup, a recovered data directory); a missing one is fine. */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Copies a live data directory; files that vanish meanwhile (temp files, recycled WAL) are skipped. */
    private static void copyTree(Path from, Path to, boolean dataDirectory) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(dir);
                Files.createDirectories(to.resolve(rel.toString()));
                boolean emptied = dataDirectory && rel.getNameCount() == 1 && EMPTIED.contains(rel.toString());
                return emptied ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = from.relativize(file);
                if (dataDirectory && rel.getNameCount() == 1 && SKIPPED.contains(rel.toString())) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(rel.toString()), StandardCopyOption.REPLACE_EXISTING);
                } catch (NoSuchFileException vanished) {
                    // a temp file or recycled segment; the backup does not need it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The copy belongs to whoever runs the servers, with the 0700 PostgreSQL insists on. */
    private static void sameOwner(Path original, Path copy) throws IOException {
        UserPrincipal owner = Files.getOwner(original);
        try (Stream<Path> walk = Files.walk(copy)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.getOwner(p).equals(owner)) {
                    Files.setOwner(p, owner);
                }
            }
        }
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
    }
}
