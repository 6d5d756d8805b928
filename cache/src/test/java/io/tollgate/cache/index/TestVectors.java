package io.tollgate.cache.index;

import java.util.Random;

/** Seeded random vectors for the index tests. */
final class TestVectors {

    private final Random random;
    private final int dimensions;

    TestVectors(long seed, int dimensions) {
        this.random = new Random(seed);
        this.dimensions = dimensions;
    }

    /** A random direction, unit length. */
    float[] unit() {
        float[] vector = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            vector[i] = (float) random.nextGaussian();
        }
        return scaled(vector);
    }

    /** {@code vector} moved by Gaussian noise of {@code sigma} per component, then unit length again. */
    float[] near(float[] vector, double sigma) {
        float[] moved = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            moved[i] = (float) (vector[i] + sigma * random.nextGaussian());
        }
        return scaled(moved);
    }

    /** The cosine of two vectors of any length, in double precision. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(aa * bb);
    }

    private static float[] scaled(float[] vector) {
        double norm = Math.sqrt(squaredNorm(vector));
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
        return vector;
    }

    private static double squaredNorm(float[] vector) {
        double sum = 0;
        for (float value : vector) {
            sum += (double) value * value;
        }
        return sum;
    }
}
