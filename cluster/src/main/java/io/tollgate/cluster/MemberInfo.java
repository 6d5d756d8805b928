package io.tollgate.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * What a node tells the cluster about itself, refreshed every second: where its HTTP API is, its version, when it
 * started and its load.
 *
 * @param nodeUrl the node's HTTP base URL
 * @param version the node's version
 * @param startedAt when the node started
 * @param requestsPerSecond requests per second over the last ten seconds
 * @param inFlight requests in flight now
 * @param reportedAt when this was published
 */
public record MemberInfo(String nodeUrl, String version, Instant startedAt, double requestsPerSecond, long inFlight,
                         Instant reportedAt) {

    public MemberInfo {
        Objects.requireNonNull(nodeUrl, "nodeUrl");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(reportedAt, "reportedAt");
    }
}
