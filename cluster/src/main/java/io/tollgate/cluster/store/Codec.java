package io.tollgate.cluster.store;

/**
 * Turns a map value into the text stored in the database and back. The text carries its own format version (for
 * example a JSON object with {@code "v": 1}) so rows written by an older version still load.
 *
 * @param <V> the map's value type
 */
public interface Codec<V> {

    /** The stored form. */
    String encode(V value);

    /**
     * The value of a stored form.
     *
     * @throws IllegalArgumentException when the text is not a value this codec knows, naming the format version
     */
    V decode(String text);
}
