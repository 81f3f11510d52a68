package org.sipgateway.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartStackTest {
    private final List<String> journal = new ArrayList<>();

    @Test
    void startsInOrderAndStopsInReverse() {
        final PartStack stack = new PartStack(List.of(spec("a", List.of()), spec("b", List.of())));
        stack.startAll(Settings.read(name -> null));
        stack.stopAll();
        assertEquals(List.of("start a", "start b", "stop b", "stop a"), journal);
    }

    @Test
    void restartsOnlyThePartsWhoseSettingsChanged() {
        final PartStack stack = new PartStack(List.of(
                spec("component", List.of(Settings.CALLCONTROL_SUBDOMAIN)), spec("other", List.of())));
        final Settings before = Settings.read(name -> null);
        stack.startAll(before);
        journal.clear();
        stack.reconfigure(before, Settings.read(Map.of("sipgateway.callcontrol.subdomain", "phones")::get));
        assertEquals(List.of("stop component", "start component"), journal);
    }

    @Test
    void aPartThatFailsIsReportedAndTheOthersRun() {
        final PartStack stack = new PartStack(List.of(failing("broken"), spec("fine", List.of())));
        stack.startAll(Settings.read(name -> null));
        assertTrue(journal.contains("start fine"), journal.toString());
        assertEquals(List.of("broken: port 5060 is in use"), stack.failures());
        stack.stopAll();
        assertEquals("stop fine", journal.get(journal.size() - 1));
    }

    private PartSpec spec(String name, List<SettingKey<?>> keys) {
        return new PartSpec(name, keys, settings -> new Part() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                journal.add("start " + name);
            }

            @Override
            public void stop() {
                journal.add("stop " + name);
            }
        });
    }

    private PartSpec failing(String name) {
        return new PartSpec(name, List.of(), settings -> new Part() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() throws Exception {
                throw new java.io.IOException("port 5060 is in use");
            }

            @Override
            public void stop() {
                journal.add("cleanup " + name);
            }
        });
    }
}
