/**
 * The node's Prometheus metrics: {@link io.tollgate.node.metrics.GatewayMetrics} counts every request the pipeline
 * finishes and polls the node's and the cluster's state at scrape time; {@link io.tollgate.node.metrics.MetricsEndpoint}
 * serves them as Prometheus text at {@code GET /metrics}. Every name starts with {@code tollgate_}; labels are ids
 * and names only, and values a client chooses (model names) are capped so a client cannot blow up the series count.
 */
package io.tollgate.node.metrics;
