package org.diameter4j.rf;

import static org.diameter4j.avps.Avps.ACCOUNTING_RECORD_NUMBER;
import static org.diameter4j.avps.Avps.ACCOUNTING_RECORD_TYPE;
import static org.diameter4j.avps.Avps.ACCT_APPLICATION_ID;
import static org.diameter4j.avps.Avps.DESTINATION_HOST;
import static org.diameter4j.avps.Avps.DESTINATION_REALM;
import static org.diameter4j.avps.Avps.EVENT_TIMESTAMP;
import static org.diameter4j.avps.Avps.ORIGIN_HOST;
import static org.diameter4j.avps.Avps.ORIGIN_REALM;
import static org.diameter4j.avps.Avps.SERVICE_CONTEXT_ID;
import static org.diameter4j.avps.Avps.SESSION_ID;
import static org.diameter4j.avps.Avps.USER_NAME;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.diameter4j.codec.Avp;
import org.diameter4j.codec.DiameterMessage;
import org.diameter4j.dictionary.Dictionary;
import org.diameter4j.peer.Timers;

/**
 * One Rf accounting session of a CTF (RFC 6733 §9, 3GPP TS 32.299 §6.1): START, INTERIM … STOP
 * records, or a single EVENT record.
 *
 * <ul>
 *   <li>Accounting-Record-Number is 0 for the first record of the session and grows by one with
 *       every record (RFC 6733 §9.8.3); an EVENT record is the only record of its session, number
 *       0.
 *   <li>Every ACR carries Session-Id (the same for the whole session), Accounting-Record-Type,
 *       Accounting-Record-Number, Acct-Application-Id 3, Event-Timestamp (from {@link
 *       Timers#instant()}), Service-Context-Id, optionally User-Name, Destination-Host/-Realm, and
 *       the AVPs the {@link RecordContent} callback supplies for that record (Service-Information
 *       …).
 *   <li>Acct-Interim-Interval of a successful ACA to START or INTERIM (or the configured default
 *       when the ACA has none) schedules the next INTERIM record that long after the previous
 *       record was sent (RFC 6733 §9.8.2); 0 means none. A failed or unanswered INTERIM keeps the
 *       schedule going; a failed START does not start it. {@link #interim()} called by hand
 *       restarts the schedule; {@link #stop()} ends it.
 *   <li>Every returned future completes: with the {@link AccountingAnswer}, the sender's failure
 *       (timeout, no route …), or {@link IllegalStateException} for a record out of order (INTERIM
 *       before START, anything after STOP). Whatever the ACA says, the future completes normally:
 *       check {@link AccountingAnswer#isSuccess()}.
 * </ul>
 *
 * Thread-safe: records are numbered and handed to the sender in the order the calls are made.
 */
public final class AccountingSession {
    static final long ACCOUNTING_APPLICATION = 3;
    static final int ACR = 271;

    /** Sends an ACR and returns the ACA; {@code DiameterNode::send} is one. */
    @FunctionalInterface
    public interface Sender {
        CompletableFuture<DiameterMessage> send(DiameterMessage acr, Duration timeout);
    }

    /**
     * Told of the outcome of every record, scheduled INTERIMs included (answer or failure is null).
     */
    @FunctionalInterface
    public interface RecordListener {
        void answered(
                RecordType type, long recordNumber, AccountingAnswer answer, Throwable failure);
    }

    public enum State {
        /** Nothing sent yet. */
        NEW,
        /** START sent: INTERIM and STOP may follow. */
        STARTED,
        /** STOP sent. */
        STOPPED,
        /** The session's EVENT record was sent. */
        EVENT_SENT
    }

    private final Dictionary dictionary;
    private final Sender sender;
    private final String sessionId;
    private final String serviceContextId;
    private final String userName;
    private final String originHost;
    private final String originRealm;
    private final String destinationRealm;
    private final String destinationHost;
    private final RecordContent content;
    private final Timers timers;
    private final Duration requestTimeout;
    private final Duration defaultInterimInterval;
    private final RecordListener listener;

    private State state = State.NEW;
    private long nextNumber;
    private Long interimSeconds;
    private Timers.Timer scheduled;
    private long lastPeriodicNumber = -1;

    private AccountingSession(Builder b) {
        this.dictionary = b.dictionary;
        this.sender = b.sender;
        this.sessionId = b.sessionId;
        this.serviceContextId = b.serviceContextId;
        this.userName = b.userName;
        this.originHost = b.originHost;
        this.originRealm = b.originRealm;
        this.destinationRealm = b.destinationRealm;
        this.destinationHost = b.destinationHost;
        this.content = b.content;
        this.timers = b.timers;
        this.requestTimeout = b.requestTimeout;
        this.defaultInterimInterval = b.defaultInterimInterval;
        this.listener = b.listener;
    }

    /**
     * A session sending through {@code sender}; {@code sessionId} must be unique (RFC 6733 §8.8,
     * e.g. {@code DiameterNode.newSessionId()}).
     */
    public static Builder builder(Dictionary dictionary, Sender sender, String sessionId) {
        return new Builder(dictionary, sender, sessionId);
    }

    public String sessionId() {
        return sessionId;
    }

    public synchronized State state() {
        return state;
    }

    /** The Accounting-Record-Number the next record gets. */
    public synchronized long nextRecordNumber() {
        return nextNumber;
    }

    /** The INTERIM interval in force (seconds), or null when none is scheduled. */
    public synchronized Long interimIntervalSeconds() {
        return interimSeconds;
    }

    /** Whether an INTERIM record is scheduled. */
    public synchronized boolean interimScheduled() {
        return scheduled != null;
    }

    /** Sends the START record (number 0). */
    public CompletableFuture<AccountingAnswer> start() {
        return record(RecordType.START_RECORD);
    }

    /** Sends an INTERIM record now (the schedule restarts from it). */
    public CompletableFuture<AccountingAnswer> interim() {
        return record(RecordType.INTERIM_RECORD);
    }

    /** Sends the STOP record and ends the INTERIM schedule. */
    public CompletableFuture<AccountingAnswer> stop() {
        return record(RecordType.STOP_RECORD);
    }

    /** Sends the session's single EVENT record (number 0). */
    public CompletableFuture<AccountingAnswer> event() {
        return record(RecordType.EVENT_RECORD);
    }

    private CompletableFuture<AccountingAnswer> record(RecordType type) {
        long number;
        Instant sentAt;
        long sentAtMillis;
        CompletableFuture<DiameterMessage> sent;
        synchronized (this) {
            String refused = refusal(type);
            if (refused != null) {
                return CompletableFuture.failedFuture(
                        new IllegalStateException("session " + sessionId + ": " + refused));
            }
            number = nextNumber;
            sentAt = timers.instant();
            sentAtMillis = timers.nowMillis();
            DiameterMessage acr;
            try {
                acr = build(type, number, sentAt);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            nextNumber++;
            switch (type) {
                case START_RECORD -> state = State.STARTED;
                case STOP_RECORD -> {
                    state = State.STOPPED;
                    cancelSchedule();
                }
                case EVENT_RECORD -> state = State.EVENT_SENT;
                case INTERIM_RECORD -> cancelSchedule();
            }
            if (type == RecordType.START_RECORD || type == RecordType.INTERIM_RECORD) {
                lastPeriodicNumber = number;
            }
            try {
                sent = sender.send(acr, requestTimeout);
                if (sent == null) {
                    sent =
                            CompletableFuture.failedFuture(
                                    new IllegalStateException("the sender returned no future"));
                }
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
        }
        // However the sender behaves, the caller hears back: a margin over the request timeout.
        CompletableFuture<AccountingAnswer> out =
                sent.copy()
                        .orTimeout(requestTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)
                        .thenApply(aca -> AccountingAnswer.read(dictionary, aca));
        return out.whenComplete(
                (answer, failure) -> answered(type, number, sentAtMillis, answer, failure));
    }

    private String refusal(RecordType type) {
        return switch (type) {
            case START_RECORD, EVENT_RECORD ->
                    state == State.NEW
                            ? null
                            : type
                                    + " must be the first record of a session, and this one is "
                                    + state;
            case INTERIM_RECORD, STOP_RECORD ->
                    state == State.STARTED
                            ? null
                            : type + " needs a started session, and this one is " + state;
        };
    }

    private void answered(
            RecordType type,
            long number,
            long sentAtMillis,
            AccountingAnswer answer,
            Throwable error) {
        Throwable failure =
                error instanceof java.util.concurrent.CompletionException
                                && error.getCause() != null
                        ? error.getCause()
                        : error;
        synchronized (this) {
            boolean periodic = type == RecordType.START_RECORD || type == RecordType.INTERIM_RECORD;
            if (periodic && state == State.STARTED && number == lastPeriodicNumber) {
                if (answer != null && answer.isSuccess()) {
                    if (answer.interimIntervalSeconds() != null) {
                        interimSeconds = answer.interimIntervalSeconds();
                    } else if (interimSeconds == null && defaultInterimInterval != null) {
                        interimSeconds = defaultInterimInterval.getSeconds();
                    }
                }
                boolean go =
                        type == RecordType.INTERIM_RECORD || (answer != null && answer.isSuccess());
                if (go && interimSeconds != null && interimSeconds > 0) {
                    // §9.8.2: the interval runs from when the record was sent, not answered.
                    long due = sentAtMillis + TimeUnit.SECONDS.toMillis(interimSeconds);
                    schedule(Math.max(0, due - timers.nowMillis()));
                }
            }
        }
        if (listener != null) {
            try {
                listener.answered(type, number, answer, failure);
            } catch (RuntimeException e) {
                System.getLogger("org.diameter4j.rf")
                        .log(System.Logger.Level.WARNING, "record listener failed: " + e);
            }
        }
    }

    private void schedule(long delayMillis) {
        cancelSchedule();
        Timers.Timer[] self = new Timers.Timer[1];
        self[0] = timers.schedule(delayMillis, () -> fired(self));
        scheduled = self[0];
    }

    private void fired(Timers.Timer[] self) {
        synchronized (this) {
            if (state != State.STARTED || scheduled == null || scheduled != self[0]) {
                return;
            }
            scheduled = null;
        }
        record(RecordType.INTERIM_RECORD);
    }

    private void cancelSchedule() {
        if (scheduled != null) {
            scheduled.cancel();
            scheduled = null;
        }
    }

    /**
     * Builds the ACR of one record (no identifiers: the peer layer assigns them), AVPs in the order
     * of the RFC 6733 §9.7.1 grammar.
     */
    DiameterMessage build(RecordType type, long number, Instant at) {
        DiameterMessage acr = DiameterMessage.request(ACR, ACCOUNTING_APPLICATION, true);
        acr.add(SESSION_ID, sessionId);
        if (originHost != null) {
            acr.add(ORIGIN_HOST, originHost);
        }
        if (originRealm != null) {
            acr.add(ORIGIN_REALM, originRealm);
        }
        if (destinationRealm != null) {
            acr.add(DESTINATION_REALM, destinationRealm);
        }
        if (destinationHost != null) {
            acr.add(DESTINATION_HOST, destinationHost);
        }
        acr.add(ACCOUNTING_RECORD_TYPE, type.avpValue());
        acr.add(ACCOUNTING_RECORD_NUMBER, number);
        acr.add(ACCT_APPLICATION_ID, ACCOUNTING_APPLICATION);
        if (userName != null) {
            acr.add(USER_NAME, userName);
        }
        acr.add(EVENT_TIMESTAMP, at);
        if (serviceContextId != null) {
            acr.add(SERVICE_CONTEXT_ID, serviceContextId);
        }
        List<Avp> extra = content.avps(type, number);
        if (extra != null) {
            for (Avp a : extra) {
                acr.add(a);
            }
        }
        return acr;
    }

    public static final class Builder {
        private final Dictionary dictionary;
        private final Sender sender;
        private final String sessionId;
        private String serviceContextId = "32251@3gpp.org";
        private String userName;
        private String originHost;
        private String originRealm;
        private String destinationRealm;
        private String destinationHost;
        private RecordContent content = RecordContent.none();
        private Timers timers = Timers.system();
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration defaultInterimInterval;
        private RecordListener listener;

        Builder(Dictionary dictionary, Sender sender, String sessionId) {
            this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
            this.sender = Objects.requireNonNull(sender, "sender");
            this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        }

        /** TS 32.299 §7.1.12; default "32251@3gpp.org" (PS domain); null leaves it out. */
        public Builder serviceContextId(String id) {
            this.serviceContextId = id;
            return this;
        }

        public Builder userName(String u) {
            this.userName = u;
            return this;
        }

        /** Only for senders that do not add Origin-Host (a DiameterNode does). */
        public Builder origin(String host, String realm) {
            this.originHost = host;
            this.originRealm = realm;
            return this;
        }

        /** Defaults to the realm of the peer the node routes to. */
        public Builder destinationRealm(String r) {
            this.destinationRealm = r;
            return this;
        }

        public Builder destinationHost(String h) {
            this.destinationHost = h;
            return this;
        }

        /** The service-specific AVPs of each record. */
        public Builder content(RecordContent c) {
            this.content = Objects.requireNonNull(c, "content");
            return this;
        }

        /**
         * Where the INTERIM schedule runs and Event-Timestamp is read; default {@link
         * Timers#system()}, a {@link org.diameter4j.peer.ManualTimers} in tests.
         */
        public Builder timers(Timers t) {
            this.timers = Objects.requireNonNull(t, "timers");
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = Objects.requireNonNull(d, "requestTimeout");
            return this;
        }

        /**
         * The INTERIM interval when the ACA to START has no Acct-Interim-Interval; default none.
         */
        public Builder defaultInterimInterval(Duration d) {
            this.defaultInterimInterval = d;
            return this;
        }

        public Builder listener(RecordListener l) {
            this.listener = l;
            return this;
        }

        public AccountingSession build() {
            return new AccountingSession(this);
        }
    }
}
