package io.tollgate.config;

/**
 * A configuration file that cannot be used. The message names the file, the path inside it (for example
 * {@code providers.openai.keys[0].weight}) and the problem, ready to print before the node exits.
 */
public class ConfigException extends RuntimeException {

    private final String source;
    private final String path;

    public ConfigException(String source, String path, String problem) {
        super(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
        this.source = source;
        this.path = path;
    }

    /** The file (or {@code bundled default}) that holds the problem. */
    public String source() {
        return source;
    }

    /** The path inside the file, empty for the document itself. */
    public String path() {
        return path;
    }
}
