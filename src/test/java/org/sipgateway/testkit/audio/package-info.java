/**
 * Audio test support shared by all test suites: tone and chirp generation ({@link org.sipgateway.testkit.audio.Tones}),
 * level/frequency analysis by Goertzel and FFT ({@link org.sipgateway.testkit.audio.SignalAnalysis}), delay by
 * cross-correlation ({@link org.sipgateway.testkit.audio.DelayEstimator}) and WAV files
 * ({@link org.sipgateway.testkit.audio.WavFile}). Plain JDK only; imports nothing from the product.
 */
package org.sipgateway.testkit.audio;
