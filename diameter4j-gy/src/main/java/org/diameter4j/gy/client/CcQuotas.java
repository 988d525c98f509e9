package org.diameter4j.gy.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.diameter4j.codec.ResultCodes;
import org.diameter4j.gy.CreditControlAnswer;
import org.diameter4j.gy.ServiceUnits;
import org.diameter4j.peer.Timers;

/**
 * The units of one session per rating group (key -1: command level): what the server granted (RFC
 * 4006 §8.17, with its Final-Unit-Action §8.35), what was used since the last report (§8.19), and
 * the Validity-Time timer of the grant (§8.33). Guarded by its {@link GyClientSession}'s lock.
 */
final class CcQuotas {
    /** The grant of one rating group. */
    static final class Quota {
        ServiceUnits granted;
        CreditControlAnswer.FinalUnitAction finalAction;
        ServiceUnits usedSinceReport;
        Timers.Timer validity;
    }

    private final Timers timers;
    private final BiConsumer<Quota, Timers.Timer> validityElapsed;
    private final Map<Long, Quota> quotas = new LinkedHashMap<>();

    /** {@code validityElapsed} is told when a grant's Validity-Time timer fires. */
    CcQuotas(Timers timers, BiConsumer<Quota, Timers.Timer> validityElapsed) {
        this.timers = timers;
        this.validityElapsed = validityElapsed;
    }

    static long key(Long ratingGroup) {
        return ratingGroup == null ? -1 : ratingGroup;
    }

    /** The units granted per rating group, as last granted. */
    Map<Long, ServiceUnits> grants() {
        Map<Long, ServiceUnits> m = new LinkedHashMap<>();
        quotas.forEach((k, q) -> m.put(k, q.granted));
        return m;
    }

    /**
     * Adds {@code used} to the rating group's use. When the use reaches {@code threshold} of the
     * grant (all of it for final units, §5.6.1) the granted unit elapses: the event to fire, or
     * null while it has not.
     */
    CcClientEvent use(Long ratingGroup, ServiceUnits used, double threshold) {
        Quota q = quotas.computeIfAbsent(key(ratingGroup), k -> new Quota());
        q.usedSinceReport = q.usedSinceReport == null ? used : q.usedSinceReport.plus(used);
        if (q.granted == null || !elapsed(q, threshold)) {
            return null;
        }
        return q.finalAction == CreditControlAnswer.FinalUnitAction.TERMINATE
                ? CcClientEvent.GRANTED_UNIT_ELAPSED_FINAL_TERMINATE
                : CcClientEvent.GRANTED_UNIT_ELAPSED;
    }

    private static boolean elapsed(Quota q, double threshold) {
        double t = q.finalAction != null ? 1.0 : threshold;
        ServiceUnits g = q.granted;
        ServiceUnits u = q.usedSinceReport;
        return reached(g.time(), u.time(), t)
                || reached(g.octetsTotal(), u.octetsTotal(), t)
                || reached(g.serviceSpecificUnits(), u.serviceSpecificUnits(), t);
    }

    private static boolean reached(Long granted, Long used, double threshold) {
        return granted != null && used != null && used >= Math.ceil(granted * threshold);
    }

    /** The units used since the last report, for the Used-Service-Unit of the next CCR; reset. */
    ServiceUnits takeUsed(Long ratingGroup) {
        Quota q = quotas.get(key(ratingGroup));
        if (q == null) {
            return null;
        }
        ServiceUnits u = q.usedSinceReport;
        q.usedSinceReport = null;
        return u;
    }

    /**
     * The grants of a successful CCA-Initial/Update: command level and per MSCC whose own
     * Result-Code is a success; an MSCC without Validity-Time takes the command's.
     */
    void take(CreditControlAnswer cca) {
        Long cmdValidity = cca.validityTime();
        if (cca.granted() != null) {
            grant(-1, cca.granted(), cca.finalUnitAction(), cmdValidity);
        }
        for (CreditControlAnswer.Mscc m : cca.mscc()) {
            if (m.granted() != null
                    && ResultCodes.isSuccess(m.effectiveResultCode(cca.resultCode()))) {
                grant(
                        key(m.ratingGroup()),
                        m.granted(),
                        m.finalUnitAction(),
                        m.validityTime() != null ? m.validityTime() : cmdValidity);
            }
        }
    }

    private void grant(
            long key,
            ServiceUnits granted,
            CreditControlAnswer.FinalUnitAction fua,
            Long validity) {
        Quota q = quotas.computeIfAbsent(key, k -> new Quota());
        q.granted = granted;
        q.finalAction = fua;
        if (q.validity != null) {
            q.validity.cancel();
            q.validity = null;
        }
        if (validity != null && validity > 0) {
            Timers.Timer[] self = new Timers.Timer[1];
            self[0] =
                    timers.schedule(
                            Duration.ofSeconds(validity).toMillis(),
                            () -> validityElapsed.accept(q, self[0]));
            q.validity = self[0];
        }
    }

    /** True when {@code t} is still the grant's Validity-Time timer (then it is done with). */
    boolean expire(Quota q, Timers.Timer t) {
        if (t == null || q.validity != t) {
            return false;
        }
        q.validity = null;
        return true;
    }

    /** A CCR-Update or -Termination reports the use: no Validity-Time runs until the next grant. */
    void cancelValidity() {
        for (Quota q : quotas.values()) {
            if (q.validity != null) {
                q.validity.cancel();
                q.validity = null;
            }
        }
    }

    /** Idle: every grant and timer goes. */
    void clear() {
        cancelValidity();
        quotas.clear();
    }
}
