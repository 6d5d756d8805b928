package io.tollgate.cache.index;

import java.util.Objects;

/**
 * Checks a vector given to the index and scales it to unit length. The index compares unit vectors by their dot
 * product, which is their cosine; normalising here keeps that true even for a caller whose vectors are slightly off
 * unit length (or not normalised at all).
 */
final class UnitVectors {

    private UnitVectors() {
    }

    /**
     * A unit-length copy of a vector; the caller's array is never kept or changed.
     *
     * @throws NullPointerException when the vector is null
     * @throws IllegalArgumentException when its length is not {@code dimensions}, a value is NaN or infinite, or
     *         every value is zero (a zero vector has no direction, so no cosine)
     */
    static float[] normalised(float[] vector, int dimensions) {
        Objects.requireNonNull(vector, "vector");
        if (vector.length != dimensions) {
            throw new IllegalArgumentException(
                    "vector must have " + dimensions + " dimensions, got " + vector.length);
        }
        double squares = 0;
        for (int i = 0; i < vector.length; i++) {
            float value = vector[i];
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("vector[" + i + "] must be finite, got " + value);
            }
            squares += (double) value * value;
        }
        if (squares == 0) {
            throw new IllegalArgumentException("vector must not be all zeros, got " + vector.length + " zeros");
        }
        double scale = 1 / Math.sqrt(squares);
        float[] unit = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            unit[i] = (float) (vector[i] * scale);
        }
        return unit;
    }
}
