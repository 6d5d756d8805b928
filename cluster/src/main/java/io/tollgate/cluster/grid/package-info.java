/**
 * The embedded Hazelcast member: configuration, the map settings (backups, persistence), and the one
 * serialization factory every grid command and value registers in (never plain Java serialization: see
 * ../shared/STACK.md, a Helidon server rejects it and calls hang).
 */
package io.tollgate.cluster.grid;
