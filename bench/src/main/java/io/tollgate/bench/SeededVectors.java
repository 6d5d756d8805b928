package io.tollgate.bench;

import java.util.Random;

/**
 * Random unit vectors from a fixed seed, stored flat, with the brute-force nearest neighbour to check an index's
 * answers against. Not thread-safe.
 */
final class SeededVectors {

    private final Random random;
    private final int dimensions;
    private final float[] stored;
    private final int count;

    private SeededVectors(long seed, int dimensions, int count) {
        this.random = new Random(seed);
        this.dimensions = dimensions;
        this.count = count;
        this.stored = new float[dimensions * count];
        for (int i = 0; i < count; i++) {
            System.arraycopy(nextUnit(), 0, stored, i * dimensions, dimensions);
        }
    }

    /** {@code count} random unit vectors of {@code dimensions} from {@code seed}. */
    static SeededVectors create(long seed, int dimensions, int count) {
        return new SeededVectors(seed, dimensions, count);
    }

    /** A copy of the {@code i}-th stored vector. */
    float[] stored(int i) {
        float[] vector = new float[dimensions];
        System.arraycopy(stored, i * dimensions, vector, 0, dimensions);
        return vector;
    }

    /** A random stored vector's index. */
    int anyIndex() {
        return random.nextInt(count);
    }

    /**
     * The {@code i}-th stored vector moved by Gaussian noise of {@code sigma} per component and scaled back to unit
     * length: with 384 dimensions, sigma 0.025 gives a cosine of about 0.9 to the original (a close paraphrase's).
     */
    float[] near(int i, double sigma) {
        float[] moved = stored(i);
        for (int d = 0; d < dimensions; d++) {
            moved[d] += (float) (sigma * random.nextGaussian());
        }
        return unit(moved);
    }

    /**
     * The stored vector with the largest dot product with {@code query} (its cosine: all are unit length) among
     * those whose index is congruent to {@code residue} modulo {@code stride} (one partition of entries assigned
     * round-robin; stride 1 searches all).
     */
    int nearest(float[] query, int residue, int stride) {
        int best = -1;
        double bestDot = Double.NEGATIVE_INFINITY;
        for (int i = residue; i < count; i += stride) {
            double dot = dot(query, i * dimensions);
            if (dot > bestDot) {
                bestDot = dot;
                best = i;
            }
        }
        return best;
    }

    private double dot(float[] query, int offset) {
        // four sums: the JIT does not reorder a single float reduction
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int d = 0;
        for (; d + 3 < dimensions; d += 4) {
            s0 += query[d] * stored[offset + d];
            s1 += query[d + 1] * stored[offset + d + 1];
            s2 += query[d + 2] * stored[offset + d + 2];
            s3 += query[d + 3] * stored[offset + d + 3];
        }
        for (; d < dimensions; d++) {
            s0 += query[d] * stored[offset + d];
        }
        return (double) s0 + s1 + s2 + s3;
    }

    private float[] nextUnit() {
        float[] vector = new float[dimensions];
        for (int d = 0; d < dimensions; d++) {
            vector[d] = (float) random.nextGaussian();
        }
        return unit(vector);
    }

    private static float[] unit(float[] vector) {
        double squares = 0;
        for (float value : vector) {
            squares += (double) value * value;
        }
        double scale = 1 / Math.sqrt(squares);
        for (int d = 0; d < vector.length; d++) {
            vector[d] = (float) (vector[d] * scale);
        }
        return vector;
    }
}
