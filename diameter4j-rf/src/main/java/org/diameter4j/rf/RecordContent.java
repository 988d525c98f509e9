package org.diameter4j.rf;

import java.util.List;
import org.diameter4j.codec.Avp;

/**
 * Supplies the service-specific AVPs of each record (TS 32.299: Service-Information with
 * PS-Information, IMS-Information …, Subscription-Id, Multiple-Services-Credit-Control with used
 * units), called when the record is built, on the thread that sends it (the caller's, or the
 * timer's for scheduled INTERIM records). Return quickly; never null (an empty list adds nothing).
 */
@FunctionalInterface
public interface RecordContent {
    List<Avp> avps(RecordType type, long recordNumber);

    static RecordContent none() {
        return (t, n) -> List.of();
    }
}
