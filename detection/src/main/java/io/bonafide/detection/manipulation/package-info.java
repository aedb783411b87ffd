/**
 * Audio manipulation detection: the detector that scores every 400 ms window (200 ms hop) of a
 * channel with a window-level model, the merging of suspicious windows into segments (SPEC §2
 * default output) and the window-level ground truth of the manipulation corpus. Scoring machinery
 * lives in {@code manipulation.internal} and is not part of the API.
 */
package io.bonafide.detection.manipulation;
