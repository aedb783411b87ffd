package io.bonafide.gateway.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartCompliance;
import org.eclipse.jetty.io.Content;

/**
 * Reads a multipart/form-data body as a stream of parts, each part's content as an
 * {@link InputStream}, without ever holding a part in memory: Jetty's push parser
 * ({@link MultiPart.Parser}) is fed one read of the body at a time on the calling thread, and
 * its callbacks queue only what that read produced (at most one buffer's worth). A part must be
 * read (or skipped) before the next is asked for. Every violation of the format, and a body
 * that ends early, is a 400 {@code request.invalid}.
 */
public final class MultipartReader {
    private static final int BUFFER = 64 * 1024;

    /** One part's headers; {@link #content()} streams its bytes. */
    public final class Part {
        private final String name;
        private final String fileName;
        private final String contentType;
        private final InputStream content = new PartStream();

        Part(String name, String fileName, String contentType) {
            this.name = name;
            this.fileName = fileName;
            this.contentType = contentType;
        }

        /** The form field name, from Content-Disposition. */
        public String name() {
            return name;
        }

        public Optional<String> fileName() {
            return Optional.ofNullable(fileName);
        }

        public Optional<String> contentType() {
            return Optional.ofNullable(contentType);
        }

        public InputStream content() {
            return content;
        }
    }

    private sealed interface Event permits Begin, Header, HeadersDone, Bytes, End, Complete, Failure {
    }

    private record Begin() implements Event {
    }

    private record Header(String name, String value) implements Event {
    }

    private record HeadersDone() implements Event {
    }

    private record Bytes(byte[] data) implements Event {
    }

    private record End() implements Event {
    }

    private record Complete() implements Event {
    }

    private record Failure(Throwable cause) implements Event {
    }

    private final InputStream body;
    private final MultiPart.Parser parser;
    private final Deque<Event> events = new ArrayDeque<>();
    private final byte[] buffer = new byte[BUFFER];
    private boolean bodyEnded;
    private boolean inPart;
    private boolean complete;
    private Bytes pending;
    private int pendingOffset;

    public MultipartReader(InputStream body, String boundary, int maxParts, int maxPartHeadersBytes) {
        this.body = body;
        this.parser = new MultiPart.Parser(boundary, MultiPartCompliance.RFC7578, new MultiPart.Parser.Listener() {
            @Override
            public void onPartBegin() {
                events.add(new Begin());
            }

            @Override
            public void onPartHeader(String name, String value) {
                events.add(new Header(name, value));
            }

            @Override
            public void onPartHeaders() {
                events.add(new HeadersDone());
            }

            @Override
            public void onPartContent(Content.Chunk chunk) {
                ByteBuffer bytes = chunk.getByteBuffer().slice();
                if (bytes.hasRemaining()) {
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    events.add(new Bytes(copy));
                }
            }

            @Override
            public void onPartEnd() {
                events.add(new End());
            }

            @Override
            public void onComplete() {
                events.add(new Complete());
            }

            @Override
            public void onFailure(Throwable failure) {
                events.add(new Failure(failure));
            }
        });
        parser.setMaxParts(maxParts);
        parser.setPartHeadersMaxLength(maxPartHeadersBytes);
    }

    /** The boundary of a {@code multipart/form-data} content type, or empty when it is not one. */
    public static Optional<String> boundaryOf(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!type.equals("multipart/form-data")) {
            return Optional.empty();
        }
        String boundary = MultiPart.extractBoundary(contentType);
        return boundary == null || boundary.isEmpty() || boundary.length() > 70 ? Optional.empty() : Optional.of(boundary);
    }

    /**
     * The next part, after skipping what is left of the current one; empty after the closing
     * boundary.
     */
    public Optional<Part> next() throws IOException {
        while (inPart) {
            skipCurrent();
        }
        if (complete) {
            return Optional.empty();
        }
        Event first = take();
        if (first instanceof Complete) {
            complete = true;
            return Optional.empty();
        }
        if (!(first instanceof Begin)) {
            throw broken("unexpected content before a part");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Event e = take(); !(e instanceof HeadersDone); e = take()) {
            if (e instanceof Header h) {
                headers.put(h.name().toLowerCase(Locale.ROOT), h.value());
            } else {
                throw broken("a part's headers are malformed");
            }
        }
        Map<String, String> disposition = ContentDisposition.parse(headers.get("content-disposition"));
        String name = disposition.get("name");
        if (!"form-data".equals(disposition.get("")) || name == null) {
            throw broken("a part lacks 'Content-Disposition: form-data; name=…'");
        }
        inPart = true;
        return Optional.of(new Part(name, disposition.get("filename"), headers.get("content-type")));
    }

    private void skipCurrent() throws IOException {
        while (readPart(buffer, 0, buffer.length) >= 0) {
            // drained
        }
    }

    private int readPart(byte[] into, int offset, int length) throws IOException {
        if (!inPart) {
            return -1;
        }
        while (pending == null) {
            Event e = take();
            if (e instanceof Bytes b) {
                pending = b;
                pendingOffset = 0;
            } else if (e instanceof End) {
                inPart = false;
                return -1;
            } else {
                throw broken("a part's content is malformed");
            }
        }
        int n = Math.min(length, pending.data().length - pendingOffset);
        System.arraycopy(pending.data(), pendingOffset, into, offset, n);
        pendingOffset += n;
        if (pendingOffset == pending.data().length) {
            pending = null;
        }
        return n;
    }

    private Event take() throws IOException {
        while (events.isEmpty()) {
            if (bodyEnded) {
                throw broken("the body ended before the closing boundary");
            }
            int n;
            try {
                n = body.read(buffer);
            } catch (IOException e) {
                throw ApiError.invalid("the request body could not be read to its end (" + e.getClass().getSimpleName()
                        + ")", "body");
            }
            if (n < 0) {
                bodyEnded = true;
                parser.parse(Content.Chunk.EOF);
            } else if (n > 0) {
                parser.parse(Content.Chunk.from(ByteBuffer.wrap(buffer, 0, n), false));
            }
        }
        Event e = events.poll();
        if (e instanceof Failure f) {
            events.clear();
            throw broken(f.cause().getMessage() == null ? "malformed multipart body" : f.cause().getMessage());
        }
        return e;
    }

    private static ApiError broken(String why) {
        String safe = why.replaceAll("[^\\x20-\\x7e]", "?");
        return ApiError.invalid("broken multipart body: " + (safe.length() > 200 ? safe.substring(0, 200) : safe), "body");
    }

    private final class PartStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return readPart(b, off, len);
        }
    }

    /** A Content-Disposition header's value and parameters; the value under the empty key. */
    static final class ContentDisposition {
        private ContentDisposition() {
        }

        static Map<String, String> parse(String header) {
            Map<String, String> out = new LinkedHashMap<>();
            if (header == null) {
                return out;
            }
            int i = 0;
            int semi = header.indexOf(';');
            out.put("", (semi < 0 ? header : header.substring(0, semi)).strip().toLowerCase(Locale.ROOT));
            i = semi < 0 ? header.length() : semi + 1;
            while (i < header.length()) {
                int eq = header.indexOf('=', i);
                if (eq < 0) {
                    break;
                }
                String key = header.substring(i, eq).strip().toLowerCase(Locale.ROOT);
                int j = eq + 1;
                StringBuilder value = new StringBuilder();
                if (j < header.length() && header.charAt(j) == '"') {
                    j++;
                    while (j < header.length() && header.charAt(j) != '"') {
                        if (header.charAt(j) == '\\' && j + 1 < header.length()) {
                            j++;
                        }
                        value.append(header.charAt(j++));
                    }
                    j++;
                    int next = header.indexOf(';', j);
                    i = next < 0 ? header.length() : next + 1;
                } else {
                    int next = header.indexOf(';', j);
                    value.append(header, j, next < 0 ? header.length() : next);
                    i = next < 0 ? header.length() : next + 1;
                }
                out.putIfAbsent(key, value.toString().strip());
            }
            return out;
        }
    }
}
