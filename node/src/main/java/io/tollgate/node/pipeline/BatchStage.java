package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.Operation;
import io.tollgate.adapters.batch.AnthropicBatch;
import io.tollgate.adapters.batch.BatchLine;
import io.tollgate.adapters.batch.OpenAiBatchFile;
import io.tollgate.adapters.multipart.MultipartForm;
import io.tollgate.adapters.pricing.BatchPrices;
import io.tollgate.adapters.pricing.PricingCatalog;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.cluster.batch.BatchFile;
import io.tollgate.cluster.batch.BatchJob;
import io.tollgate.cluster.batch.BatchStore;
import io.tollgate.cluster.ledger.WorstCase;
import io.tollgate.config.TollgateConfig;
import io.tollgate.node.batch.BatchSettler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Files and batches: ties each call on a provider's stored resources to what the gateway recorded of it. An upload
 * of a batch input file is read line by line (every line's model resolved, on one provider, each with a batch price;
 * the models renamed as the upstream names them) and recorded with its worst case once the provider took it; a batch
 * submission reserves that worst case (OpenAI: the file's; Anthropic: its inline requests') for as long as the batch
 * may run, and is recorded with its reservations, which governance then keeps; every other call is allowed only to
 * the virtual key that created the resource (others get 404, as if it did not exist) and goes out with the provider
 * key that holds it. A read that finds the batch ended settles it ({@link BatchSettler}). Runs before routing, so
 * that the model it names is routed and governed like any request's. Thread-safe.
 */
public final class BatchStage implements Stage {

    /** The only completion window the providers offer. */
    static final Duration WINDOW = Duration.ofHours(24);
    /** How long past the window a batch's reservation is held, for a provider that ends it late. */
    static final Duration GRACE = Duration.ofHours(1);
    /** The response header of a batch submission that says what its worst case, held until it ends, is in USD. */
    public static final String RESERVED_HEADER = "x-tollgate-batch-reserved-usd";
    private static final Set<String> OPENAI_ENDED = Set.of("completed", "failed", "expired", "cancelled");

    private final BatchStore store;
    private final Map<String, ProviderAdapter> adapters;
    private final ModelResolver resolver;
    private final PricingCatalog catalog;
    private final BatchPrices batchPrices = BatchPrices.bundled();
    private final BatchSettler settler;
    private final Clock clock;
    private final long defaultOutputTokens;

    private BatchStage(TollgateConfig config, PricingCatalog catalog, Map<String, ProviderAdapter> adapters,
                       BatchStore store, BatchSettler settler, Clock clock) {
        this.store = store;
        this.adapters = Map.copyOf(adapters);
        this.resolver = new ModelResolver(config, catalog);
        this.catalog = catalog;
        this.settler = settler;
        this.clock = clock;
        this.defaultOutputTokens = config.governance().defaultOutputTokens();
    }

    /** A batch stage over these providers, recording in {@code store}. */
    public static BatchStage create(TollgateConfig config, PricingCatalog catalog,
                                    Map<String, ProviderAdapter> adapters, BatchStore store, BatchSettler settler,
                                    Clock clock) {
        return new BatchStage(config, catalog, adapters, store, settler, clock);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        Optional<ResourceCall> resource = exchange.resource();
        if (resource.isEmpty()) {
            next.proceed(exchange);
            return;
        }
        ResourceCall call = resource.get();
        Optional<String> owner = exchange.governed().map(governed -> governed.key().id());
        switch (call.kind()) {
            case FILE_UPLOAD -> upload(exchange, call, owner, next);
            case BATCH_CREATE -> submitOpenAi(exchange, call, owner, next);
            case MESSAGE_BATCH_CREATE -> submitAnthropic(exchange, call, owner, next);
            case FILE_GET, FILE_CONTENT, FILE_DELETE -> file(exchange, call, owner, next);
            case BATCH_LIST, MESSAGE_BATCH_LIST -> list(exchange, call, owner, next);
            case RESPONSE_GET, RESPONSE_INPUT_ITEMS, RESPONSE_DELETE -> next.proceed(exchange);   // StoredResponseStage
            default -> batch(exchange, call, owner, next);
        }
    }

    private void upload(Exchange exchange, ResourceCall call, Optional<String> owner, Chain next) {
        MultipartForm form = MultipartForm.read(call.clientContentType(), call.clientBody());
        String purpose = form.part("purpose").map(MultipartForm.Part::text).orElse("");
        if (!purpose.equals("batch")) {
            throw GatewayException.invalid("purpose", "The gateway takes files for batches only (purpose 'batch'), "
                    + "was '" + purpose + "': a file is priced and governed through the batch that uses it.");
        }
        MultipartForm.Part file = form.part("file")
                .orElseThrow(() -> GatewayException.invalid("file", "A file part named 'file' is required."));
        OpenAiBatchFile.Input input = OpenAiBatchFile.read(file.content());
        BatchPlan plan = BatchPlan.of(input.lines(), BatchPlan.operation(input.endpoint()), "file", true, resolver,
                adapters, catalog, batchPrices, defaultOutputTokens);
        MultipartForm sent = form.with(new MultipartForm.Part("file",
                file.filename().or(() -> Optional.of("batch.jsonl")), Optional.of("application/jsonl"),
                OpenAiBatchFile.write(input, plan::upstreamModel)));
        call.body(sent.bytes(), sent.contentType());
        model(exchange, plan.address());
        call.whenAnswered(answered -> created(answered).ifPresent(id -> store.putFile(new BatchFile(id,
                plan.provider(), keyName(answered), owner, input.endpoint(), plan.address(), input.lines().size(),
                plan.worstNanos(), plan.inputTokens(), plan.outputTokens(), clock.instant()))));
        next.proceed(exchange);
    }

    private void submitOpenAi(Exchange exchange, ResourceCall call, Optional<String> owner, Chain next) {
        JsonNode fileId = exchange.body().path("input_file_id");
        if (!fileId.isTextual() || fileId.asText().isBlank()) {
            throw GatewayException.invalid("input_file_id", "input_file_id is required: the id of a file uploaded "
                    + "through the gateway with purpose 'batch'.");
        }
        String window = exchange.body().path("completion_window").asText("24h");
        if (!window.equals("24h")) {
            throw GatewayException.invalid("completion_window", "completion_window must be '24h', was '" + window
                    + "'.");
        }
        BatchFile file = store.file(fileId.asText()).filter(found -> found.virtualKeyId().equals(owner))
                .orElseThrow(() -> GatewayException.of(ErrorKind.NOT_FOUND, "No file with id '" + fileId.asText()
                        + "' was uploaded through the gateway with this key; upload the batch input file through "
                        + "the gateway first.").withCode("not_found"));
        String endpoint = exchange.body().path("endpoint").asText("");
        if (!endpoint.equals(file.endpoint())) {
            throw GatewayException.invalid("endpoint", "endpoint must be '" + file.endpoint() + "', the endpoint "
                    + "the file's requests call, was '" + endpoint + "'.");
        }
        model(exchange, file.model());
        call.pinKey(file.keyName());
        reserve(exchange, call, file.worstNanos());
        call.whenAnswered(answered -> created(answered).ifPresent(id -> record(answered, call, id, "openai",
                file.provider(), file.model(), file.endpoint(), file.lines(), file.worstNanos(),
                Optional.of(file.id()), owner)));
        next.proceed(exchange);
    }

    private void submitAnthropic(Exchange exchange, ResourceCall call, Optional<String> owner, Chain next) {
        List<BatchLine> lines = AnthropicBatch.read(exchange.body());
        BatchPlan plan = BatchPlan.of(lines, Operation.CHAT, "requests", false, resolver, adapters, catalog,
                batchPrices, defaultOutputTokens);
        call.body(Json.bytes(AnthropicBatch.write(exchange.body(), plan::upstreamModel)), "application/json");
        call.models(new java.util.TreeSet<>(plan.upstream().values()));
        model(exchange, plan.address());
        reserve(exchange, call, plan.worstNanos());
        call.whenAnswered(answered -> created(answered).ifPresent(id -> record(answered, call, id, "anthropic",
                plan.provider(), plan.address(), "/v1/messages", lines.size(), plan.worstNanos(), Optional.empty(),
                owner)));
        next.proceed(exchange);
    }

    /** Reserves a batch's worst case until it must have ended, and tells the client how much that is. */
    private static void reserve(Exchange exchange, ResourceCall call, long worstNanos) {
        call.reserve(new WorstCase(worstNanos, 0, 0, 0), WINDOW.plus(GRACE));
        exchange.channel().header(RESERVED_HEADER, io.tollgate.adapters.pricing.Money.ofNanos(worstNanos)
                .toUsdString());
    }

    private void record(Exchange exchange, ResourceCall call, String id, String format, String provider,
                        String model, String endpoint, int lines, long worstNanos, Optional<String> inputFile,
                        Optional<String> owner) {
        Instant now = clock.instant();
        var governed = exchange.governed();
        store.putJob(new BatchJob(id, format, provider, keyName(exchange), owner,
                governed.flatMap(g -> g.key().teamId()), governed.flatMap(Governed::customerId), model, endpoint,
                lines, worstNanos, call.reservations(), exchange.dimensions().tags(), exchange.dimensions().endUser(),
                inputFile, BatchJob.OPEN, now, now.plus(WINDOW)));
        call.keepReservations();
    }

    private void file(Exchange exchange, ResourceCall call, Optional<String> owner, Chain next) {
        String id = call.resourceId().orElseThrow();
        Optional<BatchFile> input = store.file(id).filter(found -> found.virtualKeyId().equals(owner));
        if (input.isPresent()) {
            model(exchange, input.get().model());
            call.pinKey(input.get().keyName());
        } else {
            BatchJob job = store.jobOfResult(id).filter(found -> found.virtualKeyId().equals(owner))
                    .orElseThrow(() -> notFound("file", id));
            model(exchange, job.model());
            call.pinKey(job.keyName());
            if (call.kind() == ResourceCall.Kind.FILE_DELETE) {
                settler.settle(job);   // a batch's results are read before they are deleted
            }
        }
        next.proceed(exchange);
    }

    private void batch(Exchange exchange, ResourceCall call, Optional<String> owner, Chain next) {
        String id = call.resourceId().orElseThrow();
        BatchJob job = store.job(id).filter(found -> found.virtualKeyId().equals(owner))
                .orElseThrow(() -> notFound("batch", id));
        model(exchange, job.model());
        call.pinKey(job.keyName());
        if (call.kind() == ResourceCall.Kind.MESSAGE_BATCH_DELETE) {
            settler.settle(job);   // its results go with it: settle first (only an ended batch can be deleted)
            next.proceed(exchange);
            return;
        }
        next.proceed(exchange);
        if (call.kind() == ResourceCall.Kind.MESSAGE_BATCH_RESULTS) {
            settler.settle(job);
            return;
        }
        Optional<ObjectNode> answer = answer(exchange);
        if (answer.isEmpty()) {
            return;
        }
        boolean ended = job.format().equals("anthropic")
                ? answer.get().path("processing_status").asText("").equals("ended")
                : OPENAI_ENDED.contains(answer.get().path("status").asText(""));
        if (ended) {
            // the client sees the batch ended: its spend is in the budgets and the log by the time it looks
            settler.settle(job);
        }
    }

    /**
     * The calling key's batches, newest first, each read live from its provider with the key that holds it (the
     * provider's own list would show every key's). Routed and governed by the newest batch's model and answered by
     * the gateway; a key with none gets an empty list at once, as there is no model to route by and nothing to read.
     */
    private void list(Exchange exchange, ResourceCall call, Optional<String> owner, Chain next) {
        boolean anthropic = call.kind() == ResourceCall.Kind.MESSAGE_BATCH_LIST;
        Map<String, String> query = BatchLists.query(call.path());
        int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
        Optional<String> after = Optional.ofNullable(query.get(anthropic ? "after_id" : "after"));
        List<BatchJob> page = store.jobs(owner, anthropic ? "anthropic" : "openai", after, limit + 1);
        if (page.isEmpty()) {
            exchange.response(BatchLists.answer(anthropic, List.of(), false));
            return;
        }
        boolean more = page.size() > limit;
        List<BatchJob> shown = more ? page.subList(0, limit) : page;
        model(exchange, shown.get(0).model());
        call.answerLocally(() -> BatchLists.answer(anthropic, shown.stream()
                .map(job -> BatchLists.read(adapters.get(job.provider()), job, anthropic)).toList(), more));
        next.proceed(exchange);
    }

    /** The id of the resource the provider created, from a successful answer. */
    private static Optional<String> created(Exchange exchange) {
        return answer(exchange).map(body -> body.path("id")).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    private static Optional<ObjectNode> answer(Exchange exchange) {
        return exchange.response().filter(response -> response.status() >= 200 && response.status() < 300)
                .flatMap(response -> {
                    try {
                        return Optional.of(Json.parseObject(response.body()));
                    } catch (GatewayException notJson) {
                        return Optional.empty();
                    }
                });
    }

    private static String keyName(Exchange exchange) {
        return exchange.route().map(route -> route.key().name())
                .orElseThrow(() -> new IllegalStateException("a created resource without a route"));
    }

    private static void model(Exchange exchange, String address) {
        ObjectNode body = exchange.body().deepCopy();
        body.put("model", address);
        exchange.replaceBody(body);
    }

    private static GatewayException notFound(String what, String id) {
        return GatewayException.of(ErrorKind.NOT_FOUND, "No " + what + " with id '" + id + "' was created through "
                + "the gateway with this key.").withCode("not_found");
    }
}
