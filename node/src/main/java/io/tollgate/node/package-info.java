/**
 * A Tollgate node: {@link io.tollgate.node.TollgateNode} wires configuration, adapters and the pipeline into a
 * Helidon web server; {@link io.tollgate.node.Main} is the command-line entry point.
 */
package io.tollgate.node;
