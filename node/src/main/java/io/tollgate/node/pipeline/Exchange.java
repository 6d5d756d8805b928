package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.Usage;
import io.tollgate.adapters.pricing.Money;
import io.tollgate.cluster.log.AttemptRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request on its way through the pipeline: what the client asked (fixed at creation) and what the stages
 * decided and measured (set as they run). Confined to the request's thread.
 */
public final class Exchange {

    private final String id;
    private final long startNanos;
    private final Dialect dialect;
    private final Operation operation;
    private ObjectNode body;
    private ObjectNode candidateBody;
    private final Map<String, String> headers;
    private final ClientChannel channel;
    private final boolean stream;

    private Target target;
    private Route route;
    private Usage usage = Usage.ZERO;
    private boolean usageReported;
    private boolean usageEstimated;
    private Money cost = Money.ZERO;
    private boolean priced;
    private Response response;
    private boolean streamed;
    private ClientChannel.EventSink events;
    private Governed governed;
    private io.tollgate.cluster.log.LogDimensions dimensions = io.tollgate.cluster.log.LogDimensions.NONE;
    private List<Target> candidates = List.of();
    private int candidate;
    private int attempts;
    private Map<String, String> upstreamHeaders = Map.of();
    private long upstreamNanos;
    private CacheOutcome cacheOutcome = CacheOutcome.NONE;
    private Money surcharge = Money.ZERO;
    private long firstByteNanos;
    private long upstreamTotalNanos;
    private long attemptUpstreamFrom;
    private final List<AttemptRecord> attemptLog = new ArrayList<>(2);
    private List<io.tollgate.adapters.SseEvent> recording;
    private int recordedBytes;
    private int recordLimit;
    private boolean streamFailed;
    private ResourceCall resource;
    private String responseIdBase;
    private java.util.function.Consumer<io.tollgate.adapters.SseEvent> eventTap;

    private Exchange(String id, long startNanos, Dialect dialect, Operation operation, ObjectNode body,
                     Map<String, String> headers, ClientChannel channel) {
        this.id = Objects.requireNonNull(id, "id");
        this.startNanos = startNanos;
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.body = Objects.requireNonNull(body, "body");
        this.candidateBody = body;
        this.headers = Map.copyOf(headers);
        this.channel = Objects.requireNonNull(channel, "channel");
        this.stream = body.path("stream").asBoolean(false);
    }

    /**
     * A new exchange.
     *
     * @param id the request id
     * @param startNanos {@link System#nanoTime()} when the request arrived
     * @param dialect the format the client speaks
     * @param operation what it asks for
     * @param body the parsed request body
     * @param headers selected request headers, lower-case names
     * @param channel where the response goes
     */
    public static Exchange create(String id, long startNanos, Dialect dialect, Operation operation, ObjectNode body,
                                  Map<String, String> headers, ClientChannel channel) {
        return new Exchange(id, startNanos, dialect, operation, body, headers, channel);
    }

    public String id() {
        return id;
    }

    /** The call on a provider's stored resources this exchange makes, for {@code BATCH} and {@code RESOURCE}. */
    public Optional<ResourceCall> resource() {
        return Optional.ofNullable(resource);
    }

    /** Sets the resource call, once, before the pipeline runs. */
    public void resource(ResourceCall call) {
        if (resource != null) {
            throw new IllegalStateException("the resource call is already set");
        }
        this.resource = Objects.requireNonNull(call, "call");
    }

    /**
     * The base of the ids of the Response objects and items the gateway makes for this request ({@code resp_} and
     * the base): unique when a stage set it, else the request id (which a client may choose).
     */
    public String responseIdBase() {
        return responseIdBase == null ? id : responseIdBase;
    }

    public void responseIdBase(String base) {
        this.responseIdBase = Objects.requireNonNull(base, "base");
    }

    /** Has every event streamed to the client also shown to {@code tap}, on the request's thread, as it is sent. */
    public void tapEvents(java.util.function.Consumer<io.tollgate.adapters.SseEvent> tap) {
        this.eventTap = Objects.requireNonNull(tap, "tap");
    }

    public long startNanos() {
        return startNanos;
    }

    public Dialect dialect() {
        return dialect;
    }

    public Operation operation() {
        return operation;
    }

    /** The request body to send on; stages must not modify it in place (see {@link #replaceBody}). */
    public ObjectNode body() {
        return body;
    }

    /**
     * The body of the current candidate as the client sent it, before governance adapted it (a {@code max_tokens}
     * added or lowered): what the cache looks requests up by.
     */
    public ObjectNode candidateBody() {
        return candidateBody;
    }

    /** True when a stage replaced the candidate's body since it began (governance lowering its output, say). */
    public boolean bodyAdapted() {
        return body != candidateBody;
    }

    /** Replaces the body with a changed copy (governance lowering {@code max_tokens}, for example). */
    public void replaceBody(ObjectNode changed) {
        this.body = Objects.requireNonNull(changed, "body");
    }

    /** The governance state of this request, once authenticated with a virtual key. */
    public Optional<Governed> governed() {
        return Optional.ofNullable(governed);
    }

    public void governed(Governed state) {
        this.governed = Objects.requireNonNull(state, "governed");
    }

    /** A request header by lower-case name. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The kept request headers whose lower-case names start with {@code prefix}, by name. */
    public Map<String, String> headersStartingWith(String prefix) {
        Map<String, String> found = null;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().startsWith(prefix)) {
                if (found == null) {
                    found = new java.util.TreeMap<>();
                }
                found.put(header.getKey(), header.getValue());
            }
        }
        return found == null ? Map.of() : found;
    }

    /** The request's tags and end user (none until the attribute stage ran). */
    public io.tollgate.cluster.log.LogDimensions dimensions() {
        return dimensions;
    }

    public void dimensions(io.tollgate.cluster.log.LogDimensions attributed) {
        this.dimensions = Objects.requireNonNull(attributed, "dimensions");
    }

    public ClientChannel channel() {
        return channel;
    }

    /** True when the client asked for a stream. */
    public boolean stream() {
        return stream;
    }

    /** The resolved model, provider and price, once the route stage resolved them. */
    public Optional<Target> target() {
        return Optional.ofNullable(target);
    }

    public void target(Target resolved) {
        this.target = Objects.requireNonNull(resolved, "target");
    }

    /**
     * The models that may serve the request, in order: the requested one, then its fallbacks (the request's
     * {@code fallbacks}, else the virtual key's). Set by the route stage.
     */
    public List<Target> candidates() {
        return candidates;
    }

    public void candidates(List<Target> resolved) {
        this.candidates = List.copyOf(resolved);
    }

    /**
     * The id the ledger knows this request's current candidate by: the request id for the first, the request id
     * with {@code ~n} for the n-th fallback (each candidate is admitted and settled on its own).
     */
    public String ledgerId() {
        return candidate == 0 ? id : id + "~" + candidate;
    }

    /** Which candidate is being tried: 0 for the requested model, n for the n-th fallback. */
    public int candidate() {
        return candidate;
    }

    /**
     * Starts trying one candidate: its target, the request body as the client sent it (stages may adapt it for
     * a candidate), and no guard from an earlier candidate.
     */
    public void beginCandidate(int index, Target resolved, ObjectNode originalBody) {
        this.candidate = index;
        this.target = Objects.requireNonNull(resolved, "target");
        this.body = Objects.requireNonNull(originalBody, "body");
        this.candidateBody = originalBody;
        if (governed != null) {
            governed.guard(Governed.OutputGuard.UNLIMITED);
        }
    }

    /** Starts one upstream call: forgets what an earlier, failed call left (route, usage, cost, response). */
    public void beginAttempt() {
        attempts++;
        route = null;
        usage = Usage.ZERO;
        usageReported = false;
        usageEstimated = false;
        cost = Money.ZERO;
        priced = false;
        response = null;
        upstreamHeaders = Map.of();
        upstreamNanos = 0;
        attemptUpstreamFrom = upstreamTotalNanos;
    }

    /**
     * The current call's whole upstream time so far (from sending to the end of its body or stream, as
     * {@link #addUpstreamTime} counts it), in nanoseconds.
     */
    public long attemptUpstreamNanos() {
        return upstreamTotalNanos - attemptUpstreamFrom;
    }

    /** Notes how one upstream call ended, for the request log (the balance stage records each call once). */
    public void recordAttempt(AttemptRecord attempt) {
        attemptLog.add(Objects.requireNonNull(attempt, "attempt"));
    }

    /** The upstream calls recorded so far, in call order; empty for a cache hit or a request rejected earlier. */
    public List<AttemptRecord> attemptLog() {
        return List.copyOf(attemptLog);
    }

    /** How many upstream calls were made (all candidates, all retries). */
    public int attempts() {
        return attempts;
    }

    /**
     * What the upstream's answer said about its rate limits, and how long it took to answer (to its status line).
     *
     * @param headers the upstream's rate-limit headers, lower-case names
     * @param nanos the time from sending the request to the upstream's status line
     */
    public void upstream(Map<String, String> headers, long nanos) {
        this.upstreamHeaders = Map.copyOf(headers);
        this.upstreamNanos = nanos;
    }

    /** The upstream's rate-limit headers of the current call (lower-case names); empty before it answered. */
    public Map<String, String> upstreamHeaders() {
        return upstreamHeaders;
    }

    /** How long the current call's upstream took to answer, in nanoseconds; 0 before it answered. */
    public long upstreamNanos() {
        return upstreamNanos;
    }

    /** The route (target and provider key), once the balance stage chose the key. */
    public Optional<Route> route() {
        return Optional.ofNullable(route);
    }

    public void route(Route chosen) {
        this.route = Objects.requireNonNull(chosen, "route");
    }

    /** Usage reported by the upstream so far; zero until it reports. */
    public Usage usage() {
        return usage;
    }

    /** True once the upstream reported usage. */
    public boolean usageReported() {
        return usageReported;
    }

    public void usage(Usage reported) {
        this.usage = Objects.requireNonNull(reported, "usage");
        this.usageReported = true;
    }

    /**
     * Sets a usage the gateway estimated because the upstream never reported one (a stream cut short); it is
     * billed, but bounded by the reservation.
     */
    public void estimatedUsage(Usage estimate) {
        this.usage = Objects.requireNonNull(estimate, "usage");
        this.usageEstimated = true;
    }

    /** True when the usage is the gateway's estimate rather than the upstream's report. */
    public boolean usageEstimated() {
        return usageEstimated;
    }

    /** The cost, once accounted; meaningful only when {@link #priced()}. */
    public Money cost() {
        return cost;
    }

    /** True when the cost was computed from a known price. */
    public boolean priced() {
        return priced;
    }

    public void cost(Money computed) {
        this.cost = Objects.requireNonNull(computed, "cost");
        this.priced = true;
    }

    /** The whole response for a non-streaming request, once the invoke stage has it. */
    public Optional<Response> response() {
        return Optional.ofNullable(response);
    }

    public void response(Response whole) {
        this.response = Objects.requireNonNull(whole, "response");
    }

    /** Adds the whole duration of one upstream call (until its body was read or its stream ended). */
    public void addUpstreamTime(long nanos) {
        upstreamTotalNanos += nanos;
    }

    /** The time spent in upstream calls, every attempt, from sending to the end of the body or stream. */
    public long upstreamTotalNanos() {
        return upstreamTotalNanos;
    }

    /** Notes that the first event of a stream reached the client now (the first call counts). */
    public void markFirstByte() {
        if (firstByteNanos == 0) {
            firstByteNanos = System.nanoTime();
        }
    }

    /** For a stream, how long after the request arrived its first event went to the client. */
    public Optional<java.time.Duration> timeToFirstByte() {
        return firstByteNanos == 0 ? Optional.empty()
                : Optional.of(java.time.Duration.ofNanos(firstByteNanos - startNanos));
    }

    /** True once a stream was committed to the client. */
    public boolean streamed() {
        return streamed;
    }

    public void markStreamed() {
        this.streamed = true;
    }

    /** The committed event stream, for stages that append to it after the upstream finished. */
    public Optional<ClientChannel.EventSink> events() {
        return Optional.ofNullable(events);
    }

    public void events(ClientChannel.EventSink sink) {
        this.events = Objects.requireNonNull(sink, "sink");
    }

    /**
     * A cost of this request besides the upstream's answer (a paid provider's embedding for the cache), added to
     * the priced usage by the account stage and settled with it.
     */
    public Money surcharge() {
        return surcharge;
    }

    public void surcharge(Money extra) {
        this.surcharge = Objects.requireNonNull(extra, "extra");
    }

    /** What the cache did for this request; {@link CacheOutcome#NONE} when it was not asked. */
    public CacheOutcome cacheOutcome() {
        return cacheOutcome;
    }

    public void cacheOutcome(CacheOutcome outcome) {
        this.cacheOutcome = Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * Starts keeping a copy of the events streamed to the client (the cache stores the answer they make up), up to
     * {@code limitBytes} of event data: a longer stream is forgotten.
     */
    public void startRecording(int limitBytes) {
        this.recording = new java.util.ArrayList<>();
        this.recordedBytes = 0;
        this.recordLimit = limitBytes;
    }

    /** Keeps a copy of events written to the client while recording. */
    void record(List<io.tollgate.adapters.SseEvent> written) {
        if (eventTap != null) {
            written.forEach(eventTap);
        }
        if (recording == null) {
            return;
        }
        for (io.tollgate.adapters.SseEvent event : written) {
            recordedBytes += event.data().length();
        }
        if (recordedBytes > recordLimit) {
            recording = null;
            streamFailed = true;
            return;
        }
        recording.addAll(written);
    }

    /** The events recorded, unless the stream failed, was cut, or outgrew the limit. */
    public Optional<List<io.tollgate.adapters.SseEvent>> recorded() {
        return streamFailed || recording == null ? Optional.empty() : Optional.of(List.copyOf(recording));
    }

    /** Marks the stream as ended by an error event: what was streamed is not an answer to keep. */
    void markStreamFailed() {
        this.streamFailed = true;
    }

    /**
     * What the cache did for a request.
     *
     * @param status {@code off}, {@code skip}, {@code miss}, {@code hit-exact} or {@code hit-semantic}
     * @param similarity the similarity of a semantic hit (1 for an exact one, 0 otherwise)
     * @param savedNanos what a hit saved
     */
    public record CacheOutcome(String status, double similarity, long savedNanos) {
        /** The cache was not involved. */
        public static final CacheOutcome NONE = new CacheOutcome("none", 0, 0);

        public CacheOutcome {
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * A whole (non-streaming) response waiting to be written after accounting.
     *
     * @param status HTTP status
     * @param contentType its content type
     * @param body the bytes
     */
    public record Response(int status, String contentType, byte[] body) {
        public Response {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }
}
