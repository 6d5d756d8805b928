/**
 * Everything Hazelcast: the embedded member, the budget ledger with its rate-limit windows and reservations,
 * governance definitions, and their persistence. Other modules see interfaces only; no Hazelcast type appears in
 * a public signature outside this module's implementation packages.
 */
package io.tollgate.cluster;
