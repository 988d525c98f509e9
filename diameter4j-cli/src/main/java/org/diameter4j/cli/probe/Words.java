package org.diameter4j.cli.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.ApplicationId;

/** The texts the probe's findings share: applications, Result-Codes, failures in a user's words. */
final class Words {
    static final int RESULT_CODE = 268;

    private Words() {}

    /** "[Diameter Credit Control (auth 4), (acct 3)]", or "(none)". */
    static String apps(Dictionary dict, List<ApplicationId> apps) {
        List<String> out = new ArrayList<>();
        for (ApplicationId a : apps) {
            var def = dict.application(a.id());
            out.add(
                    (def != null ? def.displayName() + " " : "")
                            + "("
                            + (a.accounting() ? "acct " : "auth ")
                            + a.id()
                            + (a.vendorId() != 0 ? ", vendor " + a.vendorId() : "")
                            + ")");
        }
        return out.isEmpty() ? "(none)" : "[" + String.join(", ", out) + "]";
    }

    /** The message's Result-Code (RFC 6733 §7.1), or -1 when it has none. */
    static long resultCode(DiameterMessage m) {
        Avp rc = m.find(RESULT_CODE);
        return rc != null && rc.valueLength() == 4 ? rc.asUnsigned32() : -1;
    }

    /** The cause under the wrappers of a future. */
    static Throwable root(Throwable t) {
        Throwable c = t;
        while ((c instanceof ExecutionException || c instanceof CompletionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /** The root cause's message without Java class names, or its simple class name. */
    static String message(Throwable t) {
        Throwable c = root(t);
        String m = c.getMessage();
        // Java class names in a message ("sun.security…SunCertPathBuilderException: …") mean
        // nothing to a user: keep the words.
        return m != null && !m.isBlank()
                ? m.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ", "")
                : c.getClass().getSimpleName();
    }
}
