/**
 * Settling batches: when a batch submitted through the gateway ends, its result lines are priced at batch rates,
 * logged one row per line, and charged against the reservations made when it was submitted, exactly once across
 * the cluster, whichever node sees it end (a client reading it, or the sweep).
 */
package io.tollgate.node.batch;
