package org.mashhub.hub.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Signed checkpoints of the audit chain's head, appended to a file outside the database
 * ({@code hub.audit.checkpoint-file}, under {@code hub.data-dir} by default) after every chaining.
 *
 * <p>A line is {@code seq=<n> hash=<entry hash> at=<time> keyed-from=<seq> mac=<HMAC of the rest>}. The verifier checks
 * the chain against the latest line: an entry removed from the end (with the head set back), or any change before the
 * checkpoint, no longer meets the hash it signed. {@code keyed-from} is the first entry this hub chained with the key:
 * entries before it were chained before the audit had one (plain SHA-256), and the first checkpoint fixed their head.
 *
 * <p>The file outlives the database's backups: a database restored to an earlier point is reported as cut, which it is.
 */
public final class AuditCheckpoints {

    private static final Pattern LINE = Pattern.compile("seq=(\\d+) hash=([0-9a-f]{64}) at=(\\S+) keyed-from=(\\d+) mac=([0-9a-f]{64})");

    /** A checkpoint as read back, its signature checked. */
    public record Checkpoint(long seq, String hash, Instant at, long keyedFrom) {
    }

    /** The latest checkpoint, or why there is none that can be trusted. */
    public record Latest(Optional<Checkpoint> checkpoint, String problem) {
    }

    private final Path file;
    private final AuditSeal seal;
    private final Clock clock;
    private long lastSeq = -1;
    private String lastHash;
    private long keyedFrom = -1;

    public AuditCheckpoints(Path file, AuditSeal seal, Clock clock) {
        this.file = file;
        this.seal = seal;
        this.clock = clock;
    }

    /**
     * At start, with the chain's head: a hub's first checkpoint says its key applies from the next entry on;
     * after that, the file's own {@code keyed-from} holds.
     */
    public synchronized void start(long headSeq, String headHash) {
        // A file whose last line cannot be trusted is left as it is, for the auditor; this hub signs on below it.
        Optional<Checkpoint> latest = latest().checkpoint();
        keyedFrom = latest.map(Checkpoint::keyedFrom).orElse(headSeq + 1);
        lastSeq = latest.map(Checkpoint::seq).orElse(-1L);
        lastHash = latest.map(Checkpoint::hash).orElse(null);
        record(headSeq, headHash);
    }

    /** Appends a checkpoint of the head, if it moved, and forces it to disk. */
    public synchronized void record(long headSeq, String headHash) {
        if (headSeq == lastSeq || keyedFrom < 0) {
            return;
        }
        String signed = "seq=" + headSeq + " hash=" + headHash + " at=" + clock.instant() + " keyed-from=" + keyedFrom;
        byte[] line = (signed + " mac=" + seal.sign(signed) + "\n").getBytes(StandardCharsets.US_ASCII);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                out.write(ByteBuffer.wrap(line));
                out.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The audit checkpoint could not be written to " + file, e);
        }
        lastSeq = headSeq;
        lastHash = headHash;
    }

    /** The sequence number and hash this hub last signed (-1 and null before its first). */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    public synchronized String lastHash() {
        return lastHash;
    }

    /** The last line of the file, its signature checked; a missing file has none (and no problem). */
    public Latest latest() {
        if (!Files.exists(file)) {
            return new Latest(Optional.empty(), null);
        }
        String last;
        try {
            last = lastLine();
        } catch (IOException e) {
            return new Latest(Optional.empty(), "the checkpoint file cannot be read: " + e.getClass().getSimpleName());
        }
        if (last == null) {
            return new Latest(Optional.empty(), "the checkpoint file is empty");
        }
        Matcher m = LINE.matcher(last);
        if (!m.matches()) {
            return new Latest(Optional.empty(), "the last checkpoint is not in the checkpoint form");
        }
        String signed = last.substring(0, last.lastIndexOf(" mac="));
        if (!java.security.MessageDigest.isEqual(seal.sign(signed).getBytes(StandardCharsets.US_ASCII),
                m.group(5).getBytes(StandardCharsets.US_ASCII))) {
            return new Latest(Optional.empty(), "the last checkpoint's signature does not match (another key, or edited)");
        }
        return new Latest(Optional.of(new Checkpoint(Long.parseLong(m.group(1)), m.group(2), Instant.parse(m.group(3)),
                Long.parseLong(m.group(4)))), null);
    }

    /** Reads backwards from the end: the file grows with the hub's life, verification needs only its last line. */
    private String lastLine() throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long end = in.length();
            while (end > 0) {
                in.seek(end - 1);
                if (in.read() != '\n') {
                    break;
                }
                end--;
            }
            if (end == 0) {
                return null;
            }
            long start = Math.max(0, end - 1024);
            byte[] tail = new byte[(int) (end - start)];
            in.seek(start);
            in.readFully(tail);
            String text = new String(tail, StandardCharsets.US_ASCII);
            return text.substring(text.lastIndexOf('\n') + 1);
        }
    }
}
