/**
 * Decoding, channel selection, resampling to 16 kHz and DSP features: uploaded bytes to analysed signal, with typed media errors. Filled by the audio front-end issue.
 */
package io.bonafide.audio;
