package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapters.Dialect;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.cluster.log.LogDimensions;
import io.tollgate.cluster.tags.TagValues;
import io.tollgate.config.TagsConfig;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Attributes the request beyond its key: its tags ({@code x-tollgate-tag-<name>: <value>} headers) and its end user
 * ({@code x-tollgate-end-user}, else OpenAI's {@code user}, else Anthropic's {@code metadata.user_id}). A tag must be
 * declared under {@code governance.tags.names}, and its values are bounded across the cluster ({@link TagValues}: a
 * value this node has seen costs no grid call); an undeclared tag or a value past its bound is refused with 400 or
 * dropped and counted, as {@code governance.tags.on_unknown} says. A malformed value (empty, too long, control
 * characters) and more than {@link #MAX_TAGS} tags are always refused.
 */
public final class AttributeStage implements Stage {

    /** The most tags one request may carry. */
    public static final int MAX_TAGS = 16;
    private static final String PREFIX = "x-tollgate-tag-";

    private final TagsConfig config;
    private final TagValues values;
    private final Consumer<String> dropped;

    private AttributeStage(TagsConfig config, TagValues values, Consumer<String> dropped) {
        this.config = config;
        this.values = values;
        this.dropped = dropped;
    }

    /**
     * An attribute stage.
     *
     * @param dropped told the reason ({@code unknown_name} or {@code over_cardinality}) of every tag dropped
     */
    public static AttributeStage create(TagsConfig config, TagValues values, Consumer<String> dropped) {
        return new AttributeStage(config, values, dropped);
    }

    @Override
    public void handle(Exchange exchange, Chain next) {
        Map<String, String> headers = exchange.headersStartingWith(PREFIX);
        Optional<String> endUser = endUser(exchange);
        if (headers.isEmpty() && endUser.isEmpty()) {
            next.proceed(exchange);
            return;
        }
        if (headers.size() > MAX_TAGS) {
            throw GatewayException.invalid(PREFIX + "*", "A request may carry at most " + MAX_TAGS + " tags; this one "
                    + "carries " + headers.size() + ".").withCode("invalid_tag");
        }
        Map<String, String> tags = new TreeMap<>();
        headers.forEach((header, value) -> {
            String name = header.substring(PREFIX.length());
            String trimmed = value.strip();
            TagsConfig.valueProblem(trimmed).ifPresent(problem -> {
                throw GatewayException.invalid(header, "Tag '" + name + "': the value " + problem + ".")
                        .withCode("invalid_tag");
            });
            if (admit(name, trimmed)) {
                tags.put(name, trimmed);
            }
        });
        exchange.dimensions(new LogDimensions(tags, endUser));
        next.proceed(exchange);
    }

    /** Whether the tag is kept: declared, and its value among (or still fitting in) its name's values. */
    private boolean admit(String name, String value) {
        Optional<TagsConfig.TagSpec> spec = config.spec(name);
        if (spec.isEmpty()) {
            return refuseOrDrop("unknown_name", "Unknown tag '" + name + "'. Declared tags: "
                    + (config.names().isEmpty() ? "none" : String.join(", ", config.names().keySet()))
                    + " (governance.tags.names).", PREFIX + name);
        }
        TagValues.Admission admission;
        try {
            admission = values.admit(name, value, spec.get().maxValues());
        } catch (RuntimeException e) {
            throw GatewayException.of(ErrorKind.UNAVAILABLE, "The tag's values cannot be checked right now (the "
                    + "cluster state is unavailable), so the request was refused.", e).withCode("governance_unavailable");
        }
        if (admission == TagValues.Admission.FULL) {
            return refuseOrDrop("over_cardinality", "Tag '" + name + "' has its " + spec.get().maxValues()
                    + " distinct values already, and '" + value + "' is not one of them.", PREFIX + name);
        }
        return true;
    }

    private boolean refuseOrDrop(String reason, String message, String param) {
        if (config.onUnknown() == TagsConfig.OnUnknown.REJECT) {
            throw GatewayException.invalid(param, message).withCode("invalid_tag");
        }
        dropped.accept(reason);
        return false;
    }

    private static Optional<String> endUser(Exchange exchange) {
        Optional<String> named = exchange.header("x-tollgate-end-user").map(String::strip);
        if (named.isEmpty()) {
            JsonNode field = exchange.dialect() == Dialect.ANTHROPIC ? exchange.body().path("metadata").path("user_id")
                    : exchange.body().path("user");
            named = field.isTextual() ? Optional.of(field.asText()) : Optional.empty();
        }
        named = named.filter(id -> !id.isEmpty());
        named.flatMap(TagsConfig::valueProblem).ifPresent(problem -> {
            throw GatewayException.invalid("user", "The end user's id " + problem + ".").withCode("invalid_end_user");
        });
        return named;
    }
}
