package org.mashhub.adapters.schools;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The kinds of school file, recognised by how a file begins. */
public enum SchoolFileFormat {
    SAFEGUARDING_CONCERNS,
    ATTENDANCE,
    COMMON_TRANSFER_FILE;

    /**
     * @param head the file's first bytes (a kilobyte is plenty)
     * @return the format, or null when the file is none of them
     */
    public static SchoolFileFormat detect(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
        if (text.startsWith("<")) {
            return COMMON_TRANSFER_FILE;
        }
        int end = text.indexOf('\n');
        String header = (end < 0 ? text : text.substring(0, end)).toLowerCase(Locale.ROOT).replace("\"", "").replace(" ", "");
        if (header.contains("concern_id")) {
            return SAFEGUARDING_CONCERNS;
        }
        if (header.contains("session_date") && header.contains("mark")) {
            return ATTENDANCE;
        }
        return null;
    }
}
