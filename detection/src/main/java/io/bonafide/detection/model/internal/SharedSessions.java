package io.bonafide.detection.model.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's ONNX Runtime sessions: one environment, and one session per model file, created on
 * first use and shared by every scorer and thread afterwards ({@link OrtSession#run} is
 * thread-safe). A session holds the model's weights and its thread pool, so a second copy per
 * channel or per worker thread would multiply memory and threads for nothing. Keyed by the
 * file's canonical path and its sha256, so a model replaced on disk under the same path gets a
 * new session. Sessions live as long as the JVM: a process runs a handful of models.
 */
public final class SharedSessions {
    private static final Logger LOG = LoggerFactory.getLogger(SharedSessions.class);
    private static final Map<Key, Entry> SESSIONS = new ConcurrentHashMap<>();

    private record Key(Path canonicalPath, String sha256) {
    }

    private record Entry(OrtSession session, int intraOpThreads) {
    }

    private SharedSessions() {
    }

    /** The one environment of this JVM. */
    public static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment();
    }

    /**
     * The shared session of a model file whose sha256 the caller has verified; created with
     * {@code intraOpThreads} when this is the first request for the file.
     */
    public static OrtSession session(Path canonicalPath, String sha256, int intraOpThreads) throws OrtException {
        Key key = new Key(canonicalPath, sha256);
        Entry entry = SESSIONS.get(key);
        if (entry == null) {
            try {
                // computeIfAbsent blocks concurrent first loads of the same file, so it is built once.
                entry = SESSIONS.computeIfAbsent(key, k -> create(k, intraOpThreads));
            } catch (SessionCreationFailed e) {
                throw e.cause;
            }
        }
        if (entry.intraOpThreads() != intraOpThreads) {
            LOG.warn("model {} is already loaded with {} intra-op threads; reusing that session instead of {}",
                    canonicalPath, entry.intraOpThreads(), intraOpThreads);
        }
        return entry.session();
    }

    private static Entry create(Key key, int intraOpThreads) {
        // Kept open with the session: sessions live for the JVM.
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment().createSession(key.canonicalPath().toString(), options);
            LOG.info("loaded model {} (sha256 {}) with {} intra-op threads", key.canonicalPath(), key.sha256(),
                    intraOpThreads);
            return new Entry(session, intraOpThreads);
        } catch (OrtException e) {
            options.close();
            throw new SessionCreationFailed(e);
        }
    }

    /** Carries a checked failure out of {@code computeIfAbsent}. */
    private static final class SessionCreationFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient OrtException cause;

        SessionCreationFailed(OrtException cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
