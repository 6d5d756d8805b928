/** A map shared by the cluster with expiry and change events, for data that is not a ledger (the cache). */
package io.tollgate.cluster.shared;
