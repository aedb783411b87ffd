/**
 * Voice activity detection: how many seconds of each channel hold a voice (the
 * {@code voice_duration} of results). Other modules use {@link io.bonafide.audio.vad.VoiceActivityDetectors}
 * to get one {@link io.bonafide.audio.vad.VoiceActivityDetector} per channel and
 * {@link io.bonafide.audio.vad.VadEngine} to name the method in reports; the detectors themselves
 * live in {@code internal}.
 */
package io.bonafide.audio.vad;
