package org.sipgateway.testkit.jitsi;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * A real occupant of a conference room that records every presence it sees from the other occupants, as a Meet
 * client would read them: the gateway's status sequence, nick, features, SourceInfo. Used on its own (an ordinary
 * participant) and inside {@link FocusPeer}.
 */
public final class RoomObserver implements AutoCloseable {
    private final TestXmppClient client;
    private final MultiUserChat muc;
    private final List<Presence> seen = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<Presence>> listeners = new CopyOnWriteArrayList<>();

    RoomObserver(TestXmppClient client, MultiUserChat muc) {
        this.client = client;
        this.muc = muc;
        muc.addParticipantListener(p -> {
            seen.add(p);
            listeners.forEach(l -> l.accept(p));
        });
    }

    /** Hands every presence seen from now on to {@code listener} as it arrives (on Smack's delivery thread). */
    public void listen(java.util.function.Consumer<Presence> listener) {
        listeners.add(listener);
    }

    /** Joins {@code roomJid} (existing room) as {@code nick}. */
    public static RoomObserver join(TestXmppClient client, String roomJid, String nick, String password) throws Exception {
        final EntityBareJid room = JidCreate.entityBareFrom(roomJid);
        final MultiUserChat muc = MultiUserChatManager.getInstanceFor(client.connection()).getMultiUserChat(room);
        final RoomObserver observer = new RoomObserver(client, muc);
        final var config = muc.getEnterConfigurationBuilder(Resourcepart.from(nick)).requestNoHistory();
        if (password != null) {
            config.withPassword(password);
        }
        muc.join(config.build());
        return observer;
    }

    public MultiUserChat muc() {
        return muc;
    }

    public TestXmppClient client() {
        return client;
    }

    /** Every presence seen from {@code nick}, in order. */
    public List<Presence> presencesOf(String nick) {
        return seen.stream().filter(p -> p.getFrom() != null && p.getFrom().getResourceOrEmpty().toString().equals(nick))
                .toList();
    }

    /** The distinct {@code <status>} values {@code nick} went through, in order. */
    public List<String> statusSequence(String nick) {
        final List<String> out = new java.util.ArrayList<>();
        for (Presence p : presencesOf(nick)) {
            final String s = p.getStatus();
            if (s != null && (out.isEmpty() || !out.get(out.size() - 1).equals(s))) {
                out.add(s);
            }
        }
        return out;
    }

    /** Waits until a presence from {@code nick} matches; fails with everything seen when none does in time. */
    public Presence await(String nick, Predicate<Presence> wanted, Duration timeout) throws InterruptedException {
        final long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Presence p : presencesOf(nick)) {
                if (wanted.test(p)) {
                    return p;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no matching presence from " + nick + " within " + timeout + "; seen: "
                + presencesOf(nick).stream().map(p -> p.toXML().toString()).toList());
    }

    /** The first occupant whose presence advertises the jigasi feature (what Jicofo looks for); waits for it. */
    public String awaitGateway(Duration timeout) throws InterruptedException {
        final long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            for (Presence p : seen) {
                if (p.getType() == Presence.Type.available && hasJigasiFeature(p)) {
                    return p.getFrom().getResourceOrEmpty().toString();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no occupant with the jigasi feature joined within " + timeout);
    }

    /** Nicks of every gateway occupant (jigasi feature) seen available so far. */
    public java.util.Set<String> gatewaysSeen() {
        final java.util.Set<String> nicks = new java.util.LinkedHashSet<>();
        for (Presence p : seen) {
            if (p.getType() == Presence.Type.available && hasJigasiFeature(p)) {
                nicks.add(p.getFrom().getResourceOrEmpty().toString());
            }
        }
        return nicks;
    }

    static boolean hasJigasiFeature(Presence p) {
        return features(p).contains("http://jitsi.org/protocol/jigasi");
    }

    /** The vars of the Jitsi {@code <features>} element of a presence. */
    public static List<String> features(Presence p) {
        final List<String> out = new java.util.ArrayList<>();
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("<feature var='([^']*)'")
                .matcher(p.toXML().toString());
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The text of a presence child element (e.g. SourceInfo), or null. */
    public static String childText(Presence p, String element, String namespace) {
        final var e = p.getExtensionElement(element, namespace);
        return e instanceof StandardExtensionElement s ? s.getText() : null;
    }

    @Override
    public void close() {
        client.close();
    }
}
