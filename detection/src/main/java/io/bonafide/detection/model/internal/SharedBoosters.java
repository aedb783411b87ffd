package io.bonafide.detection.model.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The JVM's XGBoost boosters: one per model file, loaded on first use from bytes whose sha256
 * the caller has verified, and shared by every channel and thread afterwards. Keyed by the file's
 * canonical path and its sha256, so a booster replaced on disk gets loaded again. Each booster
 * predicts with one OpenMP thread ({@code nthread 1}): a worker already runs one analysis per
 * core, and a single row gains nothing from more. Boosters live as long as the JVM.
 */
public final class SharedBoosters {
    private static final Map<Key, Booster> BOOSTERS = new ConcurrentHashMap<>();

    private record Key(Path canonicalPath, String sha256) {
    }

    private SharedBoosters() {
    }

    /** The shared booster of a model file whose bytes ({@code modelBytes}) hash to {@code sha256}. */
    public static Booster booster(Path canonicalPath, String sha256, byte[] modelBytes) throws XGBoostError {
        Key key = new Key(canonicalPath, sha256);
        Booster booster = BOOSTERS.get(key);
        if (booster != null) {
            return booster;
        }
        try {
            // computeIfAbsent blocks concurrent first loads of the same file, so it is loaded once.
            return BOOSTERS.computeIfAbsent(key, k -> load(modelBytes));
        } catch (LoadFailed e) {
            throw e.cause;
        }
    }

    private static Booster load(byte[] modelBytes) {
        try {
            Booster booster = XGBoost.loadModel(modelBytes);
            booster.setParam("nthread", 1);
            return booster;
        } catch (XGBoostError e) {
            throw new LoadFailed(e);
        } catch (IOException e) {
            throw new LoadFailed(new XGBoostError("cannot read the booster: " + e.getMessage()));
        }
    }

    /** Carries a checked load failure out of {@code computeIfAbsent}. */
    private static final class LoadFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient XGBoostError cause;

        LoadFailed(XGBoostError cause) {
            super(cause);
            this.cause = cause;
        }
    }
}
