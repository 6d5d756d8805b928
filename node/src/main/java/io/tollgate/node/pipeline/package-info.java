/**
 * The request pipeline: one straight line of small stages (observe, route, account, invoke; authenticate, govern
 * and cache join later) that each take the {@link io.tollgate.node.pipeline.Exchange} and either call the next
 * stage or short-circuit. HTTP-agnostic: responses leave through a {@link io.tollgate.node.pipeline.ClientChannel}.
 */
package io.tollgate.node.pipeline;
