package io.tollgate.cluster.testing;

import java.io.ObjectInputFilter;

/**
 * The JVM-wide deserialization filter a running node has (Helidon installs an allow-list; ours is in
 * {@code META-INF/helidon/serial-config.properties}), for grid tests without a Helidon server: Hazelcast's own
 * classes and the JDK's exceptions pass (members send error responses, such as a partition that migrated, with
 * Java serialization), while every Tollgate class is refused, so a grid command or value that would travel with
 * Java serialization fails the test instead of passing unnoticed. The first test class to install it sets it for
 * the whole JVM; the filter cannot be changed afterwards.
 */
public final class NodeSerialFilter {

    private static final String PATTERN = "!io.tollgate.**;com.hazelcast.**;java.lang.*;java.util.*;"
            + "java.util.concurrent.*;java.io.*;java.net.*;java.time.*;!*";

    private NodeSerialFilter() {
    }

    /** Installs the filter unless one is installed already. */
    public static synchronized void install() {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(PATTERN));
        }
    }
}
