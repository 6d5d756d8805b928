package io.tollgate.adapters.multipart;

import io.tollgate.adapters.GatewayException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** The most parts a form may have. */
    static final int MAX_PARTS = 64;
    private static final int MAX_HEADER_BYTES = 8 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

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
        String boundary = boundary(contentType == null ? "" : contentType);
        return new MultipartForm(parse(boundary, body), boundary);
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

    private static List<Part> parse(String boundary, byte[] body) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw invalid("The body has no part delimited by the content type's boundary.");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int after = at + delimiter.length;
            if (startsWith(body, after, new byte[] {'-', '-'})) {
                return parts;   // the close delimiter; what follows is the epilogue
            }
            int headersStart = indexOf(body, CRLF, after);
            int headersEnd = headersStart < 0 ? -1 : indexOf(body, HEADER_END, headersStart);
            if (headersStart < 0 || headersEnd < 0) {
                throw invalid("A part of the form has no headers ended by an empty line.");
            }
            if (headersEnd - headersStart > MAX_HEADER_BYTES) {
                throw invalid("A part's headers are longer than " + MAX_HEADER_BYTES + " bytes.");
            }
            byte[] nextDelimiter = concat(CRLF, delimiter);
            int next = indexOf(body, nextDelimiter, headersEnd + HEADER_END.length);
            if (next < 0) {
                throw invalid("The form ends without its closing boundary.");
            }
            if (parts.size() == MAX_PARTS) {
                throw invalid("The form has more than " + MAX_PARTS + " parts.");
            }
            String headers = new String(body, headersStart + CRLF.length, headersEnd - headersStart - CRLF.length,
                    StandardCharsets.UTF_8);
            parts.add(part(headers, Arrays.copyOfRange(body, headersEnd + HEADER_END.length, next)));
            at = next + CRLF.length;
        }
    }

    private static Part part(String headers, byte[] data) {
        Optional<String> disposition = Optional.empty();
        Optional<String> type = Optional.empty();
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (name.equals("content-disposition")) {
                disposition = Optional.of(value);
            } else if (name.equals("content-type")) {
                type = Optional.of(value);
            }
        }
        String header = disposition.filter(d -> d.toLowerCase(Locale.ROOT).startsWith("form-data"))
                .orElseThrow(() -> invalid("A part of the form has no 'Content-Disposition: form-data' header."));
        String name = parameter(header, "name")
                .orElseThrow(() -> invalid("A part of the form has no name in its Content-Disposition."));
        return new Part(name, parameter(header, "filename"), type, data);
    }

    /** The boundary parameter of a {@code multipart/form-data} content type. */
    static String boundary(String contentType) {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw invalid("This route takes multipart/form-data (a 'file' part and text fields), was '"
                    + (contentType.isEmpty() ? "no content type" : contentType) + "'.");
        }
        String boundary = parameter(contentType, "boundary")
                .orElseThrow(() -> invalid("The multipart/form-data content type names no boundary."));
        if (boundary.isEmpty() || boundary.length() > 70) {
            throw invalid("The form's boundary must be 1 to 70 characters long.");
        }
        return boundary;
    }

    /** A {@code ;}-separated parameter of a header value, unquoted; parameter names are case-insensitive. */
    private static Optional<String> parameter(String header, String wanted) {
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                return Optional.empty();
            }
            String name = header.substring(i + 1, eq).strip();
            int end;
            String value;
            if (eq + 1 < header.length() && header.charAt(eq + 1) == '"') {
                int close = header.indexOf('"', eq + 2);
                if (close < 0) {
                    throw invalid("A quoted parameter in '" + header + "' is not closed.");
                }
                value = header.substring(eq + 2, close);
                end = header.indexOf(';', close);
            } else {
                end = header.indexOf(';', eq);
                value = header.substring(eq + 1, end < 0 ? header.length() : end).strip();
            }
            if (name.equalsIgnoreCase(wanted)) {
                return Optional.of(value);
            }
            i = end;
        }
        return Optional.empty();
    }

    /** A name for a quoted header parameter: quotes and line breaks escaped as browsers do (RFC 7578, 4.2). */
    private static String quoted(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static GatewayException invalid(String message) {
        return GatewayException.invalid("file", message);
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        return at + prefix.length <= body.length
                && Arrays.equals(body, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] body, byte[] wanted, int from) {
        byte first = wanted[0];
        for (int i = Math.max(0, from), last = body.length - wanted.length; i <= last; i++) {
            if (body[i] == first && Arrays.equals(body, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
