/**
 * Persistence of grid maps to a database: an embedded H2 file by default, PostgreSQL when configured.
 * {@link io.tollgate.cluster.store.StateStore} owns the connection pool and runs the schema migrations at open;
 * {@link io.tollgate.cluster.store.JdbcMapStore} is the Hazelcast {@code MapStore} of one map, one row per key in
 * {@code tollgate_state}, the value in its {@link io.tollgate.cluster.store.Codec}'s text. Maps are written
 * through, so nothing acknowledged lives only in memory; faults surface as
 * {@link io.tollgate.cluster.store.StoreException}.
 */
package io.tollgate.cluster.store;
