/**
 * The revenue side of unit economics: revenue events posted by a billing system ({@link RevenueBook}), the usage of
 * each customer or team in a month read from the request log ({@link OwnerUsage}), and the margin that follows from
 * them and the owners' plans ({@link Margins}). Money is in nano-dollars throughout.
 */
package io.tollgate.cluster.revenue;
