package io.tollgate.bench.load;

/** What a step drives: the fake upstream itself, the full gateway, or the gateway in pass-through mode. */
public enum Target {
    /** The fake upstream, no gateway: the floor every other figure is compared with. */
    DIRECT("direct"),
    /** A node with every feature of issue 8 on. */
    GATEWAY("gateway"),
    /** The same node with {@code server.pass_through: true}: route, balance and invoke only. */
    PASS_THROUGH("passThrough");

    private final String label;

    Target(String label) {
        this.label = label;
    }

    /** The name used in options and tables. */
    public String label() {
        return label;
    }

    /** The target of a label ({@code direct}, {@code gateway}, {@code passThrough}). */
    public static Target of(String label) {
        for (Target t : values()) {
            if (t.label.equalsIgnoreCase(label.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown target '" + label + "'; use direct, gateway or passThrough");
    }
}
