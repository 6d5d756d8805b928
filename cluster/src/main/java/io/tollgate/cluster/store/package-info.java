/**
 * Persistence of grid maps to a database: an embedded H2 file by default, PostgreSQL when configured. Schema
 * migrations run at start; maps are written through, so nothing settled lives only in memory.
 */
package io.tollgate.cluster.store;
