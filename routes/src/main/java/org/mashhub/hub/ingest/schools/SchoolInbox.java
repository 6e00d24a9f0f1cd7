package org.mashhub.hub.ingest.schools;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.mashhub.hub.edge.RequestRejectedException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The schools' watched folder, {@code {hub.schools.inbox-dir}/{partnerId}/}: where an uploaded file is
 * put durably (written, synced, then renamed into place, so the folder route never sees half a file),
 * and where a file's error report is written beside it.
 */
@Component
class SchoolInbox {

    /** An uploaded file in its place in the folder, and the SHA-256 of its content. */
    record Stored(Path path, String sha256) {
    }

    /** What one read of a file tells: its SHA-256, its size, whether it is UTF-8 throughout, and how it begins. */
    record Digest(String sha256, long size, boolean utf8, byte[] head) {
    }

    static final String ERROR_REPORT_SUFFIX = ".errors.csv";
    private static final int HEAD_BYTES = 4096;

    private final SchoolsProperties properties;

    SchoolInbox(SchoolsProperties properties) {
        this.properties = properties;
    }

    Path folder(String partnerId) {
        return properties.inboxDir().resolve(partnerId);
    }

    /**
     * Writes an uploaded file into the partner's folder, durably, under a name made of its content hash and
     * its own (cleaned) name.
     *
     * @throws RequestRejectedException 413 when it is larger than {@code hub.schools.max-file-bytes}
     */
    Stored store(String partnerId, String originalName, InputStream content) throws IOException {
        Path folder = Files.createDirectories(folder(partnerId));
        Path temporary = folder.resolve(".upload-" + UUID.randomUUID() + ".tmp");
        MessageDigest sha256 = sha256();
        long limit = properties.maxFileBytes().toBytes();
        try {
            try (InputStream in = new DigestInputStream(content, sha256);
                 FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[65536];
                long written = 0;
                int n;
                while ((n = in.read(buffer)) != -1) {
                    written += n;
                    if (written > limit) {
                        throw new RequestRejectedException(HttpStatus.PAYLOAD_TOO_LARGE,
                                "The file is larger than " + limit + " bytes.");
                    }
                    out.write(buffer, 0, n);
                }
                channel.force(true);
            }
            String hash = HexFormat.of().formatHex(sha256.digest());
            Path target = folder.resolve(hash.substring(0, 12) + "-" + cleanName(originalName));
            moveDurably(temporary, target);
            return new Stored(target, hash);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Reads the file once: its hash, size, UTF-8 validity and first bytes. */
    static Digest digest(Path file) throws IOException {
        MessageDigest sha256 = sha256();
        boolean utf8 = true;
        byte[] head;
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
            head = in.readNBytes(HEAD_BYTES);
            // Not closed here: closing it would close the file before the rest is hashed.
            Reader decoded = new InputStreamReader(new SequenceInputStream(new ByteArrayInputStream(head), in),
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT));
            try {
                decoded.transferTo(Writer.nullWriter());
            } catch (CharacterCodingException e) {
                utf8 = false;
                in.transferTo(OutputStream.nullOutputStream()); // the rest still counts for the hash
            }
        }
        return new Digest(HexFormat.of().formatHex(sha256.digest()), Files.size(file), utf8, head);
    }

    /** Writes the error report beside the file as {@code {name}.errors.csv}. */
    static void writeErrorReport(Path file, String report) throws IOException {
        Path target = file.resolveSibling(file.getFileName() + ERROR_REPORT_SUFFIX);
        Path temporary = file.resolveSibling("." + file.getFileName() + ERROR_REPORT_SUFFIX + ".tmp");
        Files.writeString(temporary, report, StandardCharsets.UTF_8);
        moveDurably(temporary, target);
    }

    /**
     * A file name safe to use in the folder: its last path segment only (no traversal), letters, digits,
     * dot, dash and underscore, not hidden, at most 100 characters.
     */
    static String cleanName(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^[.]+", "");
        if (name.endsWith(ERROR_REPORT_SUFFIX)) {
            name = name + ".txt";
        }
        name = name.length() > 100 ? name.substring(name.length() - 100) : name;
        return name.isBlank() ? "upload" : name;
    }

    private static void moveDurably(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        // The rename itself must survive a crash: sync the folder.
        try (FileChannel folder = FileChannel.open(to.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException e) {
            // Not every file system lets a folder be opened; the file's own data is synced already.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
