/** OpenTelemetry traces of requests: a span per request, child spans per stage and per upstream attempt. */
package io.tollgate.node.tracing;
