package io.tollgate.node.pipeline;

import io.tollgate.cluster.batch.BatchJob;
import io.tollgate.cluster.ledger.WorstCase;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A call on a provider's stored resources (files, batches) as it goes through the pipeline: what the client asked,
 * what goes upstream, and what the stages learn on the way. The route's edge creates it; {@link BatchStage} fills in
 * the upstream body, the pinned key and the batch's worst case; {@link GovernStage} hands over the reservations of
 * a batch it must keep; {@link InvokeStage} sends it. Used by one request's thread.
 */
public final class ResourceCall {

    /** What the client asks. */
    public enum Kind {
        /** OpenAI {@code POST /files}. */
        FILE_UPLOAD,
        /** OpenAI {@code GET /files/{id}}. */
        FILE_GET,
        /** OpenAI {@code GET /files/{id}/content}. */
        FILE_CONTENT,
        /** OpenAI {@code DELETE /files/{id}}. */
        FILE_DELETE,
        /** OpenAI {@code POST /batches}. */
        BATCH_CREATE,
        /** OpenAI {@code GET /batches}: the calling key's batches, listed by the gateway. */
        BATCH_LIST,
        /** OpenAI {@code GET /batches/{id}}. */
        BATCH_GET,
        /** OpenAI {@code POST /batches/{id}/cancel}. */
        BATCH_CANCEL,
        /** Anthropic {@code POST /messages/batches}. */
        MESSAGE_BATCH_CREATE,
        /** Anthropic {@code GET /messages/batches}: the calling key's batches, listed by the gateway. */
        MESSAGE_BATCH_LIST,
        /** Anthropic {@code GET /messages/batches/{id}}. */
        MESSAGE_BATCH_GET,
        /** Anthropic {@code GET /messages/batches/{id}/results}. */
        MESSAGE_BATCH_RESULTS,
        /** Anthropic {@code POST /messages/batches/{id}/cancel}. */
        MESSAGE_BATCH_CANCEL,
        /** Anthropic {@code DELETE /messages/batches/{id}} (an ended batch's results). */
        MESSAGE_BATCH_DELETE,
        /** OpenAI {@code GET /responses/{id}}: a stored Response. */
        RESPONSE_GET,
        /** OpenAI {@code GET /responses/{id}/input_items}. */
        RESPONSE_INPUT_ITEMS,
        /** OpenAI {@code DELETE /responses/{id}}. */
        RESPONSE_DELETE;

        /** True for the calls on stored Responses, which {@link StoredResponseStage} resolves. */
        public boolean storedResponse() {
            return this == RESPONSE_GET || this == RESPONSE_INPUT_ITEMS || this == RESPONSE_DELETE;
        }
    }

    private final Kind kind;
    private final Optional<String> resourceId;
    private final String method;
    private final byte[] clientBody;
    private final String clientContentType;
    private String path;
    private byte[] body;
    private String contentType;
    private String pinnedKey;
    private WorstCase worstCase = new WorstCase(0, 0, 0, 0);
    private Duration reservationTtl = Duration.ZERO;
    private List<BatchJob.Held> reservations = List.of();
    private boolean keepReservations;
    private List<String> models = List.of();
    private java.util.function.Consumer<Exchange> onAnswer = exchange -> { };
    private java.util.function.Supplier<Exchange.Response> localAnswer;

    private ResourceCall(Kind kind, Optional<String> resourceId, String method, String path, byte[] clientBody,
                         String clientContentType) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.resourceId = Objects.requireNonNull(resourceId, "resourceId");
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.clientBody = Objects.requireNonNull(clientBody, "clientBody");
        this.clientContentType = clientContentType == null ? "" : clientContentType;
        this.body = clientBody;
        this.contentType = clientBody.length == 0 ? null : clientContentType;
    }

    /**
     * A call as the client made it.
     *
     * @param resourceId the id in the route's path ({@code /batches/{id}}), if it has one
     * @param method the upstream method
     * @param path the upstream path under the API's version root, with the query if any
     * @param clientBody the client's body, empty for none
     * @param clientContentType the client's content type, or null
     */
    public static ResourceCall of(Kind kind, Optional<String> resourceId, String method, String path,
                                  byte[] clientBody, String clientContentType) {
        return new ResourceCall(kind, resourceId, method, path, clientBody, clientContentType);
    }

    public Kind kind() {
        return kind;
    }

    public Optional<String> resourceId() {
        return resourceId;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public byte[] clientBody() {
        return clientBody;
    }

    public String clientContentType() {
        return clientContentType;
    }

    /** The body sent upstream: the client's, or as rewritten (models named as the upstream names them). */
    public byte[] body() {
        return body;
    }

    /** The content type sent upstream, or null for no body. */
    public String contentType() {
        return contentType;
    }

    /** Replaces the body sent upstream. */
    public void body(byte[] rewritten, String type) {
        this.body = Objects.requireNonNull(rewritten, "rewritten");
        this.contentType = type;
    }

    /** The provider key the call must use (the one holding the resource), if any. */
    public Optional<String> pinnedKey() {
        return Optional.ofNullable(pinnedKey);
    }

    public void pinKey(String keyName) {
        this.pinnedKey = Objects.requireNonNull(keyName, "keyName");
    }

    /** Every model a batch's lines ask for, as the upstream names them; governance checks the key allows each. */
    public List<String> models() {
        return models;
    }

    public void models(java.util.Collection<String> upstreamModels) {
        this.models = List.copyOf(upstreamModels);
    }

    /** What a batch submission may cost at most; zero for other calls. */
    public WorstCase worstCase() {
        return worstCase;
    }

    /** How long a batch submission's reservation must be held (until the batch must have ended); zero otherwise. */
    public Duration reservationTtl() {
        return reservationTtl;
    }

    public void reserve(WorstCase worst, Duration ttl) {
        this.worstCase = Objects.requireNonNull(worst, "worst");
        this.reservationTtl = Objects.requireNonNull(ttl, "ttl");
    }

    /** The reservations governance made for a batch submission. */
    public List<BatchJob.Held> reservations() {
        return reservations;
    }

    void reservations(List<BatchJob.Held> held) {
        this.reservations = List.copyOf(held);
    }

    /**
     * What to do with the provider's successful answer as soon as it arrived, inside governance's scope (a batch is
     * recorded there, so that its reservations are kept).
     */
    public void whenAnswered(java.util.function.Consumer<Exchange> action) {
        this.onAnswer = Objects.requireNonNull(action, "action");
    }

    void answered(Exchange exchange) {
        onAnswer.accept(exchange);
    }

    /**
     * Answers the call from what the gateway keeps instead of calling the provider (a Response it made itself): the
     * answer is computed once governance let the call through, by {@link LocalAnswerStage}, and no provider key is
     * used.
     */
    public void answerLocally(java.util.function.Supplier<Exchange.Response> answer) {
        this.localAnswer = Objects.requireNonNull(answer, "answer");
    }

    /** The gateway's own answer to the call, when the provider is not asked. */
    public Optional<java.util.function.Supplier<Exchange.Response>> localAnswer() {
        return Optional.ofNullable(localAnswer);
    }

    /** True once the batch was recorded: governance then keeps its reservations until it ends. */
    boolean keepsReservations() {
        return keepReservations;
    }

    /** Called once a submitted batch is recorded, so that its reservations outlive the request. */
    public void keepReservations() {
        this.keepReservations = true;
    }
}
