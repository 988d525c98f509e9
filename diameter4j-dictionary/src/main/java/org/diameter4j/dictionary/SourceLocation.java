package org.diameter4j.dictionary;

/** Where a definition was written: file name and line, for error messages. */
public record SourceLocation(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
