/** Reading and writing server-sent events. */
package io.tollgate.adapters.sse;
