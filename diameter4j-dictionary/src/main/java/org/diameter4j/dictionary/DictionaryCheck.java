package org.diameter4j.dictionary;

import java.nio.file.Path;

/**
 * Loads dictionary files and reports every fault with its file and line, or a summary. For writers
 * of dictionary files:
 *
 * <pre>java -cp … org.diameter4j.dictionary.DictionaryCheck [--standard] FILE…</pre>
 *
 * Exit status 0 when the files load, 1 when they do not.
 */
public final class DictionaryCheck {
    private DictionaryCheck() {}

    public static void main(String[] args) {
        DictionaryBuilder b = Dictionary.builder();
        try {
            for (String a : args) {
                if (a.equals("--standard")) {
                    b.addStandard();
                } else {
                    b.addFile(Path.of(a));
                }
            }
            Dictionary d = b.build();
            System.out.println(
                    "ok: "
                            + d.vendors().size()
                            + " vendors, "
                            + d.applications().size()
                            + " applications, "
                            + d.avps().size()
                            + " AVPs, "
                            + d.commands().size()
                            + " command grammars");
        } catch (DictionaryException e) {
            System.out.println(e.getMessage());
            System.exit(1);
        }
    }
}
