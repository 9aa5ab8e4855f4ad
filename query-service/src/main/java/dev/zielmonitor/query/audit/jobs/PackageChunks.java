package dev.zielmonitor.query.audit.jobs;

import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * A job's file in {@code audit_job.package_chunk}: written as it is produced and read back as it is sent, one
 * chunk at a time, so that neither the job nor a download holds more than a chunk of it, and any instance can
 * serve what another wrote (docs/audit.md).
 */
final class PackageChunks {

    /** Big enough that a package of some hundred MB is a few hundred rows, small enough to hold a few at once. */
    static final int CHUNK_BYTES = 512 * 1024;

    private PackageChunks() {
    }

    /** Collects a chunk, then inserts it (a transaction of its own); counts the bytes and their SHA-256. */
    static final class Writer extends OutputStream {
        private final JdbcTemplate jdbc;
        private final UUID job;
        private final String fileName;
        private final long maxBytes;
        private final Runnable stillOurs;
        private final byte[] buffer = new byte[CHUNK_BYTES];
        private final MessageDigest sha256 = PackageChunks.newDigest();
        private int filled;
        private int chunks;
        private long bytes;
        private String digest;

        Writer(JdbcTemplate jdbc, UUID job, String fileName, long maxBytes, Runnable stillOurs) {
            this.jdbc = jdbc;
            this.job = job;
            this.fileName = fileName;
            this.maxBytes = maxBytes;
            this.stillOurs = stillOurs;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            if (digest != null) {
                throw new IOException("the file of job " + job + " is closed");
            }
            if (bytes + length > maxBytes) {
                throw new IOException("the package would exceed " + maxBytes + " bytes "
                        + "(zielmonitor.audit.jobs.max-package-size)");
            }
            while (length > 0) {
                int n = Math.min(length, CHUNK_BYTES - filled);
                System.arraycopy(data, offset, buffer, filled, n);
                filled += n;
                offset += n;
                length -= n;
                bytes += n;
                if (filled == CHUNK_BYTES) {
                    store();
                }
            }
        }

        private void store() {
            stillOurs.run();
            byte[] chunk = filled == CHUNK_BYTES ? buffer : Arrays.copyOf(buffer, filled);
            sha256.update(chunk);
            jdbc.update("INSERT INTO audit_job.package_chunk (job_id, seq, data) VALUES (?, ?, ?)", job, chunks++,
                    chunk);
            filled = 0;
        }

        /** Stores what is left; the file is complete only once the job is COMPLETED. */
        @Override
        public void close() {
            if (digest == null) {
                if (filled > 0) {
                    store();
                }
                digest = HexFormat.of().formatHex(sha256.digest());
            }
        }

        String fileName() {
            return fileName;
        }

        long bytes() {
            return bytes;
        }

        String sha256() {
            return digest;
        }
    }

    /** The file, fetched a chunk at a time while it is read; fails if a chunk is gone (the job expired). */
    static final class Reader extends InputStream {
        private final JdbcTemplate jdbc;
        private final UUID job;
        private final long expectedBytes;
        private byte[] chunk = new byte[0];
        private int position;
        private int next;
        private long read;
        private boolean end;

        Reader(JdbcTemplate jdbc, UUID job, long expectedBytes) {
            this.jdbc = jdbc;
            this.job = job;
            this.expectedBytes = expectedBytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == chunk.length) {
                if (end || !fetch()) {
                    return -1;
                }
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, target, offset, n);
            position += n;
            return n;
        }

        private boolean fetch() throws IOException {
            if (read == expectedBytes) {
                end = true;
                return false;
            }
            List<byte[]> found = jdbc.queryForList("SELECT data FROM audit_job.package_chunk WHERE job_id = ? "
                    + "AND seq = ?", byte[].class, job, next);
            if (found.isEmpty()) {
                throw new IOException("chunk " + next + " of job " + job + " is gone after " + read + " of "
                        + expectedBytes + " bytes (the job expired or was deleted)");
            }
            chunk = found.get(0);
            position = 0;
            next++;
            read += chunk.length;
            return true;
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
