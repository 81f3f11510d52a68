package org.sipgateway.plugin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipgateway.gateway.CallInfo;
import org.sipgateway.gateway.CallState;
import org.sipgateway.gateway.ivr.PromptLibrary;

class IvrStatusSectionTest {
    @TempDir
    Path folder;

    @Test
    void eachRoomWithCallsShowsItsPinOnceAndEachPromptItsFile() throws Exception {
        Files.writeString(folder.resolve("joining.wav"), "not a wav");
        final List<String> asked = new ArrayList<>();
        final List<CallInfo> calls = List.of(call("call-1", "standup@conference.x", CallState.CONNECTED),
                call("call-2", "standup@conference.x", CallState.CONNECTED), call("call-3", "", CallState.IVR));
        final StringWriter html = new StringWriter();
        new IvrStatusSection(SettingsFormTest.bundle("")).render(new PrintWriter(html),
                calls, room -> {
                    asked.add(room);
                    return "123456789";
                }, true, "0", PromptLibrary.load("de", folder));
        final String page = html.toString();
        assertEquals(List.of("standup@conference.x"), asked, "one PIN per room; the IVR call has no room yet");
        assertTrue(page.contains("<td>standup@conference.x</td><td class=\"pin\">123456789</td>"), page);
        assertTrue(page.contains("<td>enter-pin.wav</td><td>shipped</td><td>de/enter-pin.wav</td>"), page);
        assertTrue(page.contains("<td>joining.wav</td><td>shipped</td><td>de/joining.wav</td>"), page);
        assertTrue(page.contains(folder.resolve("joining.wav") + " is not used: not a WAV file"), page);
    }

    private static CallInfo call(String id, String room, CallState state) {
        return new CallInfo(id, CallInfo.Direction.INBOUND, "+4930", room, "PCMU", state, Instant.now(), null);
    }
}
