/**
 * Audio codecs and sample-rate conversion: G.711 mu/A-law, G.722 (pure Java, ITU-T SB-ADPCM), Opus through
 * libjitsi's JNI libopus or the pure-Java Concentus fallback ({@link org.sipgateway.media.codec.CodecFactory}
 * picks), and a polyphase {@link org.sipgateway.media.codec.Resampler}. Works on 16-bit mono PCM frames.
 * May import: the JDK, slf4j, libjitsi's {@code Opus} JNI class, Concentus. Nothing else of the product.
 */
package org.sipgateway.media.codec;
