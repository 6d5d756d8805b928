/** Alerts sent once for the whole cluster: who sends each one is decided on the grid. */
package io.tollgate.cluster.alerts;
