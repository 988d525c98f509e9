package org.diameter4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.dictionary.DictionaryBuilder;
import org.diameter4j.dictionary.DictionaryException;
import picocli.CommandLine.Option;

/** {@code --dictionary FILE}: the standard dictionaries plus the user's own files. */
public final class DictionaryOption {
    @Option(
            names = "--dictionary",
            paramLabel = "FILE",
            description =
                    "Also load this dictionary file (your vendor AVPs, commands); repeatable.")
    List<Path> files = new ArrayList<>();

    /** The dictionary to use; a file fault is a usage error naming file and line. */
    public Dictionary load() {
        if (files.isEmpty()) {
            return Dictionary.standard();
        }
        try {
            DictionaryBuilder b = Dictionary.builder().addStandard();
            for (Path f : files) {
                if (!Files.isReadable(f)) {
                    throw UserError.usage(
                            "cannot read dictionary file " + f + ": no such file or not readable");
                }
                b.addFile(f);
            }
            return b.build();
        } catch (DictionaryException e) {
            throw UserError.usage("dictionary error: " + e.getMessage());
        }
    }
}
