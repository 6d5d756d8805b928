package io.tollgate.adapters.multipart;

import io.tollgate.adapters.GatewayException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code multipart/form-data} body (RFC 7578): its parts in order, read from a whole body and written back with a
 * fresh boundary. Immutable.
 */
public final class MultipartForm {

    /**
     * One part.
     *
     * @param name the form field's name
     * @param filename the file's name, for a file part
     * @param contentType the part's content type, if it names one
     * @param content the part's bytes
     */
    public record Part(String name, Optional<String> filename, Optional<String> contentType, byte[] content) {

        public Part {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(filename, "filename");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }

        /** The part's content as UTF-8 text. */
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_PARTS = 64;

    private final List<Part> parts;
    private final String boundary;

    private MultipartForm(List<Part> parts, String boundary) {
        this.parts = List.copyOf(parts);
        this.boundary = boundary;
    }

    /** A form of these parts, written with a new random boundary. */
    public static MultipartForm of(List<Part> parts) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return new MultipartForm(parts, "tollgate-" + HexFormat.of().formatHex(random));
    }

    /**
     * Reads a whole body.
     *
     * @param contentType the request's {@code content-type}, which must be {@code multipart/form-data} with a boundary
     * @throws GatewayException {@code INVALID_REQUEST} when the body is not such a form
     */
    public static MultipartForm read(String contentType, byte[] body) {
        String boundary = boundary(contentType).orElseThrow(() -> GatewayException.invalid("file",
                "The body must be multipart/form-data with a boundary, was '" + contentType + "'."));
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw malformed("no part starts with the boundary");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int afterDelimiter = at + delimiter.length;
            if (startsWith(body, afterDelimiter, "--")) {
                break;   // the closing delimiter
            }
            int headersStart = skipLineEnd(body, afterDelimiter);
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd < 0) {
                throw malformed("a part's headers do not end");
            }
            int next = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), headersEnd + 4);
            if (next < 0) {
                throw malformed("a part does not end with the boundary");
            }
            if (parts.size() == MAX_PARTS) {
                throw malformed("it has more than " + MAX_PARTS + " parts");
            }
            parts.add(part(new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8),
                    java.util.Arrays.copyOfRange(body, headersEnd + 4, next)));
            at = next + 2;
        }
        return new MultipartForm(parts, boundary);
    }

    /** The parts, in order. */
    public List<Part> parts() {
        return parts;
    }

    /** The first part of this name, if any. */
    public Optional<Part> part(String name) {
        return parts.stream().filter(part -> part.name().equals(name)).findFirst();
    }

    /** This form with the first part named as {@code replacement} replaced by it (or it added at the end). */
    public MultipartForm with(Part replacement) {
        List<Part> changed = new ArrayList<>(parts);
        int index = -1;
        for (int i = 0; i < changed.size() && index < 0; i++) {
            if (changed.get(i).name().equals(replacement.name())) {
                index = i;
            }
        }
        if (index < 0) {
            changed.add(replacement);
        } else {
            changed.set(index, replacement);
        }
        return of(changed);
    }

    /** The {@code content-type} of the written body. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    /** The body. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part part : parts) {
            StringBuilder head = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(quoted(part.name())).append('"');
            part.filename().ifPresent(name -> head.append("; filename=\"").append(quoted(name)).append('"'));
            head.append("\r\n");
            part.contentType().ifPresent(type -> head.append("Content-Type: ").append(type).append("\r\n"));
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(part.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    private static Part part(String headers, byte[] content) {
        String name = null;
        String filename = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (header.equals("content-disposition")) {
                name = parameter(value, "name").orElse(null);
                filename = parameter(value, "filename").orElse(null);
            } else if (header.equals("content-type")) {
                type = value;
            }
        }
        if (name == null) {
            throw malformed("a part has no content-disposition name");
        }
        return new Part(name, Optional.ofNullable(filename), Optional.ofNullable(type), content);
    }

    private static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        return parameter(contentType, "boundary").filter(b -> !b.isEmpty() && b.length() <= 200);
    }

    /** A parameter of a header value ({@code name="x"} or {@code name=x}), matched on a whole parameter name. */
    private static Optional<String> parameter(String value, String name) {
        for (String piece : value.split(";")) {
            String p = piece.strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String v = p.substring(eq + 1).strip();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                    v = v.substring(1, v.length() - 1).replace("\\\"", "\"");
                }
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    private static String quoted(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "");
    }

    private static int skipLineEnd(byte[] body, int at) {
        return startsWith(body, at, "\r\n") ? at + 2 : at;
    }

    private static boolean startsWith(byte[] body, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        if (at + bytes.length > body.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (body[at + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= body.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static GatewayException malformed(String problem) {
        return GatewayException.invalid("file", "The multipart/form-data body is malformed: " + problem + ".");
    }
}
