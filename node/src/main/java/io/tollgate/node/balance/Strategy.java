package io.tollgate.node.balance;

/** How a {@link KeyBalancer} picks among the keys that may serve a request. */
public enum Strategy {
    /**
     * The default: power of two choices. Two distinct keys are drawn by weight and the one with the lower cost
     * (latency, in-flight, error rate, upstream quota) serves; see the node README, "Balancing".
     */
    ADAPTIVE,
    /** At random in proportion to the keys' weights. */
    WEIGHTED_RANDOM,
    /** Smooth weighted round robin (nginx style): weights honoured exactly, keys interleaved. */
    ROUND_ROBIN,
    /** The key with the lowest latency average; ties go to the higher weight. */
    LEAST_LATENCY,
    /** The key with the fewest requests in flight relative to its weight; ties go to the higher weight. */
    LEAST_BUSY
}
