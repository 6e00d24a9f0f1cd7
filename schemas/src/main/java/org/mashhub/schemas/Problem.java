package org.mashhub.schemas;

/**
 * One thing wrong with a document, located by a JSON pointer (RFC 6901) into it.
 * The empty pointer means the document as a whole.
 */
public record Problem(String pointer, String detail) {

    public static Problem at(String pointer, String detail) {
        return new Problem(pointer == null ? "" : pointer, detail);
    }
}
