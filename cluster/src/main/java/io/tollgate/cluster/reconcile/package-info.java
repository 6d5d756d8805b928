/**
 * Reconciliation data: the providers' own usage and cost figures imported into the store's database (table
 * {@code provider_figures}, migration V6), and the gateway's side of the same days summed from the request log.
 * Comparing the two is the node's job; this package only stores and reads.
 */
package io.tollgate.cluster.reconcile;
