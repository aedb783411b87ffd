package io.bonafide.audio.vad;

import io.bonafide.audio.vad.internal.EnergyVad;
import io.bonafide.audio.vad.internal.SileroModel;
import io.bonafide.audio.vad.internal.SileroVad;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of voice activity detection: decides once, when created, which engine measures
 * voice in this process and then hands out one fresh detector per channel. It picks Silero VAD
 * when the model resource is on the classpath and ONNX Runtime loads it, and otherwise the
 * energy detector, logging once why; {@link #engine()} tells which one reports carry. Create one
 * per process (a worker at start-up) and share it: it is immutable and thread-safe, and the
 * Silero session behind it is shared JVM-wide.
 */
public final class VoiceActivityDetectors {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceActivityDetectors.class);

    private final VadEngine engine;
    private final SileroModel model;
    private final String fallbackReason;

    private VoiceActivityDetectors(VadEngine engine, SileroModel model, String fallbackReason) {
        this.engine = engine;
        this.model = model;
        this.fallbackReason = fallbackReason;
    }

    /** Detectors with {@link VadOptions#defaults()}. */
    public static VoiceActivityDetectors create() {
        return create(VadOptions.defaults());
    }

    /**
     * Detectors with the given options; loads the Silero model now (once per JVM) so that a
     * missing model or runtime shows at start-up, not on the first file.
     */
    public static VoiceActivityDetectors create(VadOptions options) {
        Objects.requireNonNull(options, "options").validate();
        ClassLoader loader = Objects.requireNonNullElse(
                Thread.currentThread().getContextClassLoader(), VoiceActivityDetectors.class.getClassLoader());
        if (loader.getResource(options.modelResource()) == null) {
            return fallBack("the Silero model resource " + options.modelResource() + " is not on the classpath", null);
        }
        try {
            SileroModel model = SileroModel.shared(options.modelResource(), options.intraOpThreads());
            LOG.info("Voice activity: {} from {} (sha256 {}), {} intra-op thread(s)",
                    VadEngine.SILERO.reportName(), model.resource(), model.sha256(), options.intraOpThreads());
            return new VoiceActivityDetectors(VadEngine.SILERO, model, null);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: ONNX Runtime ships no native library for this platform or it fails to link.
            return fallBack("the Silero model could not be loaded from " + options.modelResource() + ": " + e, e);
        }
    }

    private static VoiceActivityDetectors fallBack(String reason, Throwable cause) {
        if (cause == null) {
            LOG.warn("Voice activity: {} in use because {}", VadEngine.ENERGY.reportName(), reason);
        } else {
            LOG.warn("Voice activity: {} in use because {}", VadEngine.ENERGY.reportName(), reason, cause);
        }
        return new VoiceActivityDetectors(VadEngine.ENERGY, null, reason);
    }

    /** A detector for one more channel, with fresh state. */
    public VoiceActivityDetector newDetector() {
        return engine == VadEngine.SILERO ? new SileroVad(model) : new EnergyVad();
    }

    /** The engine every detector of this instance uses; its report name goes into results. */
    public VadEngine engine() {
        return engine;
    }

    /** Why the energy detector is in use, empty when Silero is. */
    public Optional<String> fallbackReason() {
        return Optional.ofNullable(fallbackReason);
    }

    /** SHA-256 of the Silero model in use, empty when the energy detector is. */
    public Optional<String> modelSha256() {
        return Optional.ofNullable(model).map(SileroModel::sha256);
    }
}
