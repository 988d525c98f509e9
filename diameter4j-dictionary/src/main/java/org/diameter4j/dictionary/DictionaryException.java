package org.diameter4j.dictionary;

/** A dictionary file could not be loaded: the message names the file, the line and the fault. */
public final class DictionaryException extends RuntimeException {
    public DictionaryException(String message) {
        super(message);
    }

    public DictionaryException(SourceLocation at, String message) {
        super(at + ": " + message);
    }
}
