/**
 * Decoding machinery behind {@link io.bonafide.audio.decode.AudioDecoders}: format sniffing, the
 * WAV parser, adapters over jflac, JLayer and jorbis, and the guards that keep those libraries'
 * failures on bad input inside {@link io.bonafide.audio.MediaException}. Nothing here is meant to
 * be called from another module.
 */
package io.bonafide.audio.decode.internal;
