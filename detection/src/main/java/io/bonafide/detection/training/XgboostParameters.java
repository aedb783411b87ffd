package io.bonafide.detection.training;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The boosting settings of a binary genuine-vs-attack XGBoost model. {@link #BASELINE} is the seed
 * baseline's: 200 trees of depth at most 7, learning rate 0.1, logistic loss. Training always runs
 * on one thread with a fixed seed and the histogram ({@code hist}) tree method, so two runs on the
 * same features give the same booster.
 *
 * @param rounds   boosting rounds (trees)
 * @param maxDepth maximum tree depth
 * @param eta      learning rate
 * @param seed     random seed
 */
public record XgboostParameters(int rounds, int maxDepth, double eta, long seed) {
    public static final XgboostParameters BASELINE = new XgboostParameters(200, 7, 0.1, 20261122L);

    public XgboostParameters {
        if (rounds < 1 || maxDepth < 1 || !(eta > 0 && eta <= 1)) {
            throw new IllegalArgumentException("need rounds >= 1, maxDepth >= 1 and 0 < eta <= 1, got rounds "
                    + rounds + ", maxDepth " + maxDepth + ", eta " + eta);
        }
    }

    /** The booster parameters, in a fixed order. */
    public Map<String, Object> boosterParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", "binary:logistic");
        p.put("eval_metric", "logloss");
        p.put("max_depth", maxDepth);
        p.put("eta", eta);
        p.put("tree_method", "hist");
        p.put("seed", seed);
        p.put("nthread", 1);
        p.put("verbosity", 0);
        return p;
    }
}
