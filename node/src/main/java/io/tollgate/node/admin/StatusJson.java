package io.tollgate.node.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.adapters.Json;
import io.tollgate.cluster.ClusterStatus;
import io.tollgate.config.ProviderConfig;
import io.tollgate.config.ProviderKey;
import io.tollgate.config.TollgateConfig;
import java.time.Duration;
import java.time.Instant;
import io.tollgate.node.balance.KeyBalancer;
import io.tollgate.node.balance.KeyReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/** The cluster status and provider-key listings as the management API writes them (read by {@code tollgate ops}). */
final class StatusJson {

    private StatusJson() {
    }

    static ObjectNode status(ClusterStatus status, Instant now) {
        ObjectNode out = Json.object();
        ObjectNode cluster = out.putObject("cluster");
        cluster.put("name", status.name());
        cluster.put("size", status.members().size());
        cluster.put("partitions_safe", status.partitionsSafe());
        ObjectNode quorum = cluster.putObject("quorum");
        quorum.put("required", status.quorumRequired());
        quorum.put("present", status.quorumPresent());
        ArrayNode members = out.putArray("members");
        for (ClusterStatus.Member member : status.members()) {
            ObjectNode node = members.addObject();
            node.put("address", member.address());
            node.put("local", member.local());
            member.info().ifPresentOrElse(info -> {
                node.put("node_url", info.nodeUrl());
                node.put("version", info.version());
                node.put("uptime_seconds", Math.max(0, Duration.between(info.startedAt(), now).toSeconds()));
                node.put("requests_per_second", Math.round(info.requestsPerSecond() * 100) / 100.0);
                node.put("in_flight", info.inFlight());
            }, () -> {
                node.putNull("node_url");
                node.putNull("version");
                node.putNull("uptime_seconds");
                node.putNull("requests_per_second");
                node.putNull("in_flight");
            });
        }
        ObjectNode store = out.putObject("store");
        store.put("kind", status.storeKind());
        store.put("healthy", status.storeHealthy());
        ObjectNode verdict = out.putObject("verdict");
        verdict.put("healthy", status.healthy());
        verdict.put("message", verdict(status));
        return out;
    }

    private static String verdict(ClusterStatus status) {
        List<String> problems = new ArrayList<>();
        if (!status.partitionsSafe()) {
            problems.add("partitions not safe (backups missing or migrating)");
        }
        if (!status.quorumPresent()) {
            problems.add("quorum of " + status.quorumRequired() + " lost: governed requests are refused");
        }
        if (!status.storeHealthy()) {
            problems.add("store (" + status.storeKind() + ") unreachable");
        }
        String members = status.members().size() + (status.members().size() == 1 ? " member" : " members");
        return problems.isEmpty() ? members + ", partitions safe, store healthy"
                : members + "; " + String.join("; ", problems);
    }

    /** Every configured provider key: names and weights only (health arrives with the load-balancing issue). */
    /**
     * Every provider key with this node's view of it: its shared health (available, cooling, dead), its circuit,
     * its share of this node's recent choices, latency average and error rate. Names only, never key values.
     */
    static List<ObjectNode> providerKeys(TollgateConfig config, Map<String, KeyBalancer> balancers) {
        List<ObjectNode> keys = new ArrayList<>();
        for (ProviderConfig provider : config.providers().values()) {
            KeyBalancer balancer = balancers.get(provider.name());
            Map<String, KeyReport> reports = new HashMap<>();
            if (balancer != null) {
                balancer.report().forEach(report -> reports.put(report.name(), report));
            }
            for (ProviderKey key : provider.keys()) {
                ObjectNode node = Json.object();
                node.put("provider", provider.name());
                node.put("name", key.name());
                node.put("weight", key.weight());
                KeyReport report = reports.get(key.name());
                if (!provider.enabled() || report == null) {
                    node.put("state", "disabled");
                    keys.add(node);
                    continue;
                }
                node.put("state", state(report));
                node.put("strategy", balancer.strategy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                node.put("share", Math.round(1000.0 * report.share()) / 1000.0);
                if (report.latencyMs().isPresent()) {
                    node.put("latency_ms", Math.round(report.latencyMs().getAsDouble() * 10) / 10.0);
                } else {
                    node.putNull("latency_ms");
                }
                node.put("error_rate", Math.round(1000.0 * report.errorRate()) / 1000.0);
                node.put("in_flight", report.inFlight());
                node.put("circuit", report.breaker().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                report.health().until().ifPresentOrElse(until -> node.put("cooldown_until", until.toString()),
                        () -> node.putNull("cooldown_until"));
                if (!report.health().reason().isEmpty()) {
                    node.put("reason", report.health().reason());
                }
                report.quota().remainingRequests().ifPresent(left -> node.put("upstream_remaining_requests", left));
                report.quota().remainingTokens().ifPresent(left -> node.put("upstream_remaining_tokens", left));
                node.put("requests_this_minute", report.requestsThisMinute());
                keys.add(node);
            }
        }
        return keys;
    }

    private static String state(KeyReport report) {
        return switch (report.health().status()) {
            case COOLING -> "cooling";
            case DEAD -> "dead";
            case AVAILABLE -> report.breaker().name().equals("CLOSED") ? "available"
                    : "circuit-" + report.breaker().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        };
    }
}
