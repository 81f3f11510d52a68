package org.sipgateway.gateway;

import org.sipgateway.gateway.ivr.IvrConfig;
import org.sipgateway.gateway.ivr.PromptLibrary;

/** What the keypad IVR needs: how it behaves, its prompts, and the room PINs it looks typed PINs up in. */
public record IvrSetup(IvrConfig config, PromptLibrary prompts, ConferencePins pins) {
}
