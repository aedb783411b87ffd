package io.bonafide.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
    private static final String BOUNDARY = "XyZ-boundary-123";

    private static byte[] body(byte[] file, String config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("preamble\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"config\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + config + "\r\n--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\nepilogue").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Hands out the body in seeded random slices, so boundaries fall across reads. */
    private static InputStream sliced(byte[] bytes, long seed) {
        Random random = new Random(seed);
        return new FilterInputStream(new java.io.ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(97)));
            }
        };
    }

    @RepeatedTest(25)
    void shouldStreamEveryPartWhereverTheReadsSplitTheBody(RepetitionInfo repetition) throws Exception {
        // Given a file whose bytes contain the boundary's prefix and CRLFs
        Random random = new Random(repetition.getCurrentRepetition());
        byte[] file = new byte[1 + random.nextInt(300_000)];
        random.nextBytes(file);
        byte[] trap = ("\r\n--" + BOUNDARY.substring(0, 5)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(trap, 0, file, file.length / 2, Math.min(trap.length, file.length - file.length / 2));

        // When the body is read through slices
        MultipartReader reader = new MultipartReader(sliced(body(file, "{\"a\":1}"), repetition.getCurrentRepetition()),
                BOUNDARY, 8, 1024);
        MultipartReader.Part config = reader.next().orElseThrow();
        String configText = new String(config.content().readAllBytes(), StandardCharsets.UTF_8);
        MultipartReader.Part filePart = reader.next().orElseThrow();
        byte[] read = filePart.content().readAllBytes();

        // Then each part has its name, headers and exact bytes, and the body ends after them
        assertThat(config.name()).isEqualTo("config");
        assertThat(configText).isEqualTo("{\"a\":1}");
        assertThat(filePart.name()).isEqualTo("file");
        assertThat(filePart.fileName()).contains("a \"b\".wav");
        assertThat(filePart.contentType()).contains("audio/wav");
        assertThat(Arrays.equals(read, file)).isTrue();
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void shouldSkipAnUnreadPartWhenTheNextIsAskedFor() throws Exception {
        MultipartReader reader = new MultipartReader(sliced(body(new byte[1000], "{}"), 1), BOUNDARY, 8, 1024);
        reader.next();
        assertThat(reader.next().orElseThrow().content().readAllBytes()).hasSize(1000);
    }

    @Test
    void shouldFailAsABadRequestWhenTheBodyEndsBeforeTheClosingBoundary() throws Exception {
        byte[] body = body(new byte[5000], "{}");
        MultipartReader reader = new MultipartReader(sliced(Arrays.copyOf(body, body.length - 20), 2), BOUNDARY, 8, 1024);
        reader.next();
        MultipartReader.Part file = reader.next().orElseThrow();

        ApiError error = catchThrowableOfType(ApiError.class, () -> file.content().readAllBytes());

        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    void shouldFailAsABadRequestBeyondTheMostParts() throws Exception {
        MultipartReader reader = new MultipartReader(sliced(body(new byte[10], "{}"), 3), BOUNDARY, 1, 1024);
        reader.next();

        ApiError error = catchThrowableOfType(ApiError.class, reader::next);

        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    void shouldFindTheBoundaryOnlyInMultipartFormData() {
        assertThat(MultipartReader.boundaryOf("multipart/form-data; boundary=abc")).contains("abc");
        assertThat(MultipartReader.boundaryOf("Multipart/Form-Data; boundary=\"a b\"")).contains("a b");
        assertThat(MultipartReader.boundaryOf("multipart/mixed; boundary=abc")).isEmpty();
        assertThat(MultipartReader.boundaryOf("multipart/form-data")).isEmpty();
        assertThat(MultipartReader.boundaryOf(null)).isEmpty();
    }
}
