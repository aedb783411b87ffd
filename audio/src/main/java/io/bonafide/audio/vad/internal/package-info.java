/**
 * Machinery behind {@link io.bonafide.audio.vad.VoiceActivityDetectors}: the JVM-wide Silero
 * session, the per-channel Silero and energy detectors and the hysteresis they share. Not for use
 * outside the audio module.
 */
package io.bonafide.audio.vad.internal;
