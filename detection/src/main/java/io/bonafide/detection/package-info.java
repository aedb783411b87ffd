/**
 * The three detectors (deepfake, replay attack, audio manipulation), models at run time and the analyze command. Filled by the detector issues.
 */
package io.bonafide.detection;
