package io.tollgate.node.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.ErrorKind;
import io.tollgate.adapters.GatewayException;
import io.tollgate.adapters.Json;
import io.tollgate.adapters.spi.ProviderAdapter;
import io.tollgate.cluster.batch.BatchJob;
import io.tollgate.node.batch.ProviderReads;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages of a key's batches the gateway answers for {@code GET /batches} (OpenAI's list object) and
 * {@code GET /messages/batches} (Anthropic's), each batch as its provider reports it now.
 */
final class BatchLists {

    private BatchLists() {
    }

    /** The query pairs of an upstream path ({@code /batches?limit=2&after=batch_1}), already checked by the edge. */
    static Map<String, String> query(String path) {
        Map<String, String> pairs = new HashMap<>();
        int mark = path.indexOf('?');
        if (mark < 0) {
            return pairs;
        }
        for (String pair : path.substring(mark + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                pairs.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return pairs;
    }

    /** One batch as its provider reports it, with the key that holds it. */
    static JsonNode read(ProviderAdapter adapter, BatchJob job, boolean anthropic) {
        if (adapter == null) {
            throw GatewayException.of(ErrorKind.UPSTREAM_UNREACHABLE, "Batch '" + job.id() + "' is at provider '"
                    + job.provider() + "', which this node does not have.");
        }
        var key = ProviderReads.key(adapter, job.keyName()).orElseThrow(() -> GatewayException.of(
                ErrorKind.UPSTREAM_UNREACHABLE, "Batch '" + job.id() + "' was submitted with provider key '"
                        + job.keyName() + "', which provider '" + job.provider() + "' no longer has."));
        return Json.parseObject(ProviderReads.get(adapter, key, (anthropic ? "/messages/batches/" : "/batches/")
                + job.id()));
    }

    /** The list answer in the route's format. */
    static Exchange.Response answer(boolean anthropic, List<JsonNode> batches, boolean more) {
        ObjectNode list = Json.object();
        if (!anthropic) {
            list.put("object", "list");
        }
        ArrayNode data = list.putArray("data");
        batches.forEach(data::add);
        if (batches.isEmpty()) {
            list.putNull("first_id");
            list.putNull("last_id");
        } else {
            list.set("first_id", batches.get(0).path("id"));
            list.set("last_id", batches.get(batches.size() - 1).path("id"));
        }
        list.put("has_more", more);
        return new Exchange.Response(200, "application/json", Json.bytes(list));
    }
}
