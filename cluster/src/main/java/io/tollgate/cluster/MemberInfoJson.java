package io.tollgate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** {@link MemberInfo} as the JSON string members publish (format version 1). */
final class MemberInfoJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private MemberInfoJson() {
    }

    static String write(MemberInfo info) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("v", 1);
        node.put("node_url", info.nodeUrl());
        node.put("version", info.version());
        node.put("started_at", info.startedAt().toString());
        node.put("requests_per_second", info.requestsPerSecond());
        node.put("in_flight", info.inFlight());
        node.put("reported_at", info.reportedAt().toString());
        return node.toString();
    }

    static Optional<MemberInfo> read(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node.path("v").asInt() != 1) {
                return Optional.empty();
            }
            return Optional.of(new MemberInfo(node.path("node_url").asText(), node.path("version").asText(),
                    Instant.parse(node.path("started_at").asText()), node.path("requests_per_second").asDouble(),
                    node.path("in_flight").asLong(), Instant.parse(node.path("reported_at").asText())));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
