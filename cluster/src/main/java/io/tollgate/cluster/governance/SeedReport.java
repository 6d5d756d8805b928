package io.tollgate.cluster.governance;

/**
 * What applying the configuration's seeds did, counting customers, teams and keys together.
 *
 * @param created definitions that did not exist by that name
 * @param updated definitions that existed and differed (a changed key value counts)
 * @param unchanged definitions that already matched
 */
public record SeedReport(int created, int updated, int unchanged) {

    public SeedReport {
        if (created < 0 || updated < 0 || unchanged < 0) {
            throw new IllegalArgumentException("seed counts must not be negative, were " + created + ", " + updated
                    + ", " + unchanged);
        }
    }
}
