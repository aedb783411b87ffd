/**
 * The evaluation harness: labelled detector scores, the quality figures the project reports
 * (EER, minimum and actual detection cost, Cllr, per-attribute EER), DET and ROC plots, a loader
 * for ASVspoof-style corpora and the {@code metrics.json} report. Scores are calibrated
 * log-likelihood ratios {@code log p(x|genuine)/p(x|attack)}: higher means more genuine. The
 * machinery behind these types lives in {@code eval.internal} and is not part of the API.
 */
package io.bonafide.detection.eval;
