package io.tollgate.adapters;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * The JSON codec every module shares: one immutable, thread-safe Jackson mapper that keeps decimals exact
 * ({@code BigDecimal}), never enables polymorphic typing and refuses documents nested deeper than
 * {@link #MAX_DEPTH} levels (a client's 100,000 {@code [} are refused at once, and no tree the gateway holds is
 * deep enough to overflow a stack where it is walked).
 */
public final class Json {

    /** The deepest nesting of arrays and objects a parsed document may have. */
    public static final int MAX_DEPTH = 200;

    /**
     * The largest decimal exponent a request body's number may have, either way ({@code 1e10000}): BigDecimal
     * arithmetic on {@code 1e100000000} (rounding it to nano-dollars, printing it plainly) runs for minutes.
     */
    public static final int MAX_EXPONENT = 10_000;

    /** The shared mapper. Immutable; safe to use from any thread. */
    public static final JsonMapper MAPPER = JsonMapper.builder(factory())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    /** Reads request bodies: the shared mapper's settings, numbers with absurd exponents refused. */
    private static final ObjectReader REQUESTS = MAPPER.reader().with(new BoundedNumbers());

    private Json() {
    }

    /** A JSON factory for any mapper of untrusted input: at most {@link #MAX_DEPTH} levels of nesting. */
    public static JsonFactory factory() {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                .build();
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Parses a request body that must be a JSON object.
     *
     * @throws GatewayException {@code INVALID_REQUEST} when the bytes are not a JSON object, are nested deeper than
     *     {@link #MAX_DEPTH} or hold a number whose exponent is beyond {@link #MAX_EXPONENT}
     */
    public static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = REQUESTS.readTree(body);
        } catch (StreamConstraintsException e) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "We could not parse the JSON body of your request: "
                    + "it is nested deeper than " + MAX_DEPTH + " levels or holds a value too long to read.");
        } catch (IOException e) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST,
                    "We could not parse the JSON body of your request: " + firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "The request body is empty; expected a JSON object.");
        }
        if (!node.isObject()) {
            throw GatewayException.of(ErrorKind.INVALID_REQUEST, "The request body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** Compact UTF-8 bytes of a tree. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw GatewayException.of(ErrorKind.INTERNAL, "could not write JSON", e);
        }
    }

    /** Compact string of a tree. */
    public static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw GatewayException.of(ErrorKind.INTERNAL, "could not write JSON", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Exact decimals, refusing those whose exponent is beyond {@link #MAX_EXPONENT} while they are parsed. */
    private static final class BoundedNumbers extends JsonNodeFactory {

        private static final long serialVersionUID = 1L;

        BoundedNumbers() {
            super(true);
        }

        @Override
        public ValueNode numberNode(BigDecimal value) {
            if (value != null && Math.abs((long) value.scale()) > MAX_EXPONENT) {
                throw GatewayException.of(ErrorKind.INVALID_REQUEST, "A number in the request body has an exponent "
                        + "beyond " + MAX_EXPONENT + " either way; such numbers are refused.");
            }
            return super.numberNode(value);
        }
    }
}
