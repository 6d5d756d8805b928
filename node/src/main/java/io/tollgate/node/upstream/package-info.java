/** The HTTP transport to upstreams, on Helidon's WebClient: pooled keep-alive connections, HTTP/1.1 and HTTP/2. */
package io.tollgate.node.upstream;
