package org.mashhub.adapters;

/**
 * Something the partner should know about how its accepted message was handled: parts left out as
 * not safeguarding-relevant, parts refused (an adult's record). Locations, counts and reasons only.
 */
public record ProcessingNote(Severity severity, String location, String text) {

    public enum Severity { INFORMATION, WARNING }

    public static ProcessingNote information(String location, String text) {
        return new ProcessingNote(Severity.INFORMATION, location, text);
    }

    public static ProcessingNote warning(String location, String text) {
        return new ProcessingNote(Severity.WARNING, location, text);
    }
}
