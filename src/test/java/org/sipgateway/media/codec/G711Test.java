package org.sipgateway.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** G.711 against the table values of the recommendation and the G.191 reference behaviour. */
class G711Test {
    @Test
    void expansionGivesTheTabulatedLevels() {
        assertEquals(0, G711.ulawToLinear((byte) 0xFF));
        assertEquals(0, G711.ulawToLinear((byte) 0x7F));
        assertEquals(32124, G711.ulawToLinear((byte) 0x80));
        assertEquals(-32124, G711.ulawToLinear((byte) 0x00));
        assertEquals(8, G711.alawToLinear((byte) 0xD5));
        assertEquals(-8, G711.alawToLinear((byte) 0x55));
        assertEquals(32256, G711.alawToLinear((byte) 0xAA));
        assertEquals(-32256, G711.alawToLinear((byte) 0x2A));
    }

    @Test
    void everyCodeSurvivesExpandThenCompress() {
        for (int c = 0; c < 256; c++) {
            byte code = (byte) c;
            if (c != 0x7F) // mu-law has two zeros; 0 compresses to 0xFF
                assertEquals(code, G711.linearToUlaw(G711.ulawToLinear(code)), "mu-law code " + c);
            assertEquals(code, G711.linearToAlaw(G711.alawToLinear(code)), "A-law code " + c);
        }
    }

    @Test
    void negativeValuesUseOnesComplementLikeTheReference() {
        assertEquals((byte) 0x7F, G711.linearToUlaw((short) -1), "-1 is the smallest negative mu-law step");
        assertEquals((byte) 0x55, G711.linearToAlaw((short) -1), "-1 is the smallest negative A-law step");
        assertEquals((byte) 0x00, G711.linearToUlaw(Short.MIN_VALUE), "clips to the largest negative code");
        assertEquals((byte) 0x2A, G711.linearToAlaw(Short.MIN_VALUE));
    }
}
