package org.sipgateway.testkit.jitsi;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jitsi.xmpp.extensions.jingle.JingleIQ;
import org.jitsi.xmpp.extensions.jitsimeet.MuteIq;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.Occupant;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.sipgateway.testkit.xmpp.TestXmppClient;

/**
 * Plays Jicofo toward the gateway: creates the room and owns it as {@code focus}, notices the gateway occupant
 * (jigasi feature), asks its real JID for disco#info, sends the Jingle offer of {@link JitsiOffer} to its occupant
 * JID and checks the answer with {@link AnswerCheck} (failing loudly when malformed). The gateway's later Jingle
 * requests (transport-accept, session-terminate) are answered and queued for the test.
 */
public final class FocusPeer implements AutoCloseable {
    public static final String NICK = "focus";
    public static final Duration WAIT = Duration.ofSeconds(20);
    private final TestXmppClient client;
    private final MultiUserChat muc;
    private final String nick;
    private final RoomObserver observer;
    private final BlockingQueue<JingleIQ> fromGateway = new LinkedBlockingQueue<>();
    private volatile String refuseWith;

    private FocusPeer(TestXmppClient client, MultiUserChat muc, String nick) {
        this.client = client;
        this.muc = muc;
        this.nick = nick;
        this.observer = new RoomObserver(client, muc);
        JitsiOffer.ensureProviders();
        client.connection().registerIQRequestHandler(new AbstractIqRequestHandler(JingleIQ.ELEMENT, JingleIQ.NAMESPACE,
                IQ.Type.set, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                synchronized (fromGateway) {
                    fromGateway.add((JingleIQ) request);
                    fromGateway.notifyAll();
                }
                final String refusal = refuseWith;
                if (refusal != null) {
                    return IQ.createErrorResponse(request, org.jivesoftware.smack.packet.StanzaError.from(
                            org.jivesoftware.smack.packet.StanzaError.Condition.bad_request, refusal));
                }
                return IQ.createResultIQ(request);
            }
        });
    }

    /**
     * Room setup the focus applies when it creates the room. {@code publicJids}: every occupant sees real JIDs
     * ({@code muc#roomconfig_whois} anyone), as Jitsi Meet's prosody configures its rooms
     * ({@code muc_room_default_public_jids = true}); else only moderators see them. {@code maxUsers}: 0 for no limit.
     */
    public record RoomSetup(String password, boolean membersOnly, boolean publicJids, int maxUsers) {
        public static final RoomSetup OPEN = new RoomSetup(null, false, true, 0);

        public RoomSetup(String password, boolean membersOnly) {
            this(password, membersOnly, true, 0);
        }

        public RoomSetup(String password, boolean membersOnly, boolean publicJids) {
            this(password, membersOnly, publicJids, 0);
        }

        /** The same room taking at most {@code occupants} occupants (the focus counts as one). */
        public RoomSetup withMaxUsers(int occupants) {
            return new RoomSetup(password, membersOnly, publicJids, occupants);
        }
    }

    /** Creates {@code roomJid} with {@code client} as owner (nick {@value #NICK}) and configures it. */
    public static FocusPeer createRoom(TestXmppClient client, String roomJid, RoomSetup setup) throws Exception {
        final MultiUserChat muc = MultiUserChatManager.getInstanceFor(client.connection())
                .getMultiUserChat(JidCreate.entityBareFrom(roomJid));
        final FocusPeer peer = new FocusPeer(client, muc, NICK);
        muc.create(Resourcepart.from(NICK));
        // a raw submitted form: Openfire 4.2 reads booleans only as "1"/"0", Smack's forms write "true"/"false"
        final StringBuilder fields = new StringBuilder("<x xmlns='jabber:x:data' type='submit'>"
                + "<field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>");
        fields.append("<field var='muc#roomconfig_membersonly'><value>").append(setup.membersOnly() ? 1 : 0)
                .append("</value></field>");
        // Openfire's rooms take 30 occupants unless told otherwise (0: no limit); Jitsi's prosody rooms have no limit
        fields.append("<field var='muc#roomconfig_maxusers'><value>").append(setup.maxUsers()).append("</value></field>");
        fields.append("<field var='muc#roomconfig_whois'><value>").append(setup.publicJids() ? "anyone" : "moderators")
                .append("</value></field>");
        if (setup.password() != null) {
            fields.append("<field var='muc#roomconfig_passwordprotectedroom'><value>1</value></field>"
                    + "<field var='muc#roomconfig_roomsecret'><value>").append(setup.password()).append("</value></field>");
        }
        fields.append("</x>");
        client.request(TestXmppClient.rawIq(roomJid, IQ.Type.set, "query", "http://jabber.org/protocol/muc#owner",
                fields.toString()));
        return peer;
    }

    /**
     * An occupant of an existing room that acts as the focus without being it (an attacker, in security tests): it
     * joins {@code roomJid} as {@code nick} and sends offers and requests from there, as {@link #createRoom}'s focus does.
     */
    public static FocusPeer impostor(TestXmppClient client, String roomJid, String nick) throws Exception {
        final MultiUserChat muc = MultiUserChatManager.getInstanceFor(client.connection())
                .getMultiUserChat(JidCreate.entityBareFrom(roomJid));
        final FocusPeer peer = new FocusPeer(client, muc, nick);
        muc.join(muc.getEnterConfigurationBuilder(Resourcepart.from(nick)).requestNoHistory().build());
        return peer;
    }

    /** Makes the occupant {@code nick} a moderator (XEP-0045 section 8.6), as an owner may. */
    public void grantModerator(String occupantNick) throws Exception {
        muc.grantModerator(Resourcepart.from(occupantNick));
    }

    /** Whether an occupant's presence shows the moderator role. */
    public static boolean isModerator(org.jivesoftware.smack.packet.Presence presence) {
        final org.jivesoftware.smackx.muc.packet.MUCUser user = org.jivesoftware.smackx.muc.packet.MUCUser.from(presence);
        return user != null && user.getItem() != null
                && user.getItem().getRole() == org.jivesoftware.smackx.muc.MUCRole.moderator;
    }

    public RoomObserver observer() {
        return observer;
    }

    public MultiUserChat muc() {
        return muc;
    }

    public String roomJid() {
        return muc.getRoom().toString();
    }

    public String focusJid() {
        return roomJid() + "/" + nick;
    }

    /** Waits for the gateway (an occupant with the jigasi feature) and returns its nick. */
    public String awaitGateway() throws InterruptedException {
        return observer.awaitGateway(WAIT);
    }

    /** The gateway's real JID, which the owner sees (XEP-0045 section 7.2.3), where Jicofo sends disco#info. */
    public Jid realJidOf(String nick) throws Exception {
        final Occupant o = muc.getOccupant(occupant(nick));
        if (o == null || o.getJid() == null) {
            throw new AssertionError("the focus cannot see the real JID of " + nick);
        }
        return o.getJid();
    }

    public DiscoverInfo discoInfo(Jid jid) throws Exception {
        return ServiceDiscoveryManager.getInstanceFor(client.connection()).discoverInfo(jid);
    }

    EntityFullJid occupant(String nick) throws Exception {
        return JidCreate.entityFullFrom(muc.getRoom(), Resourcepart.from(nick));
    }

    /**
     * Sends the session-initiate to {@code nick} and waits for the result and the session-accept, which must pass
     * {@link AnswerCheck#sessionAccept} (RED expected exactly when {@code red}).
     */
    public FocusCall offer(String nick, boolean red, BridgeEndpoint bridge, java.util.List<BridgeSource> sources)
            throws Exception {
        final String sid = "sid" + Long.toHexString(System.nanoTime());
        final JingleIQ initiate = JitsiOffer.parse(JitsiOffer.sessionInitiate(focusJid(), occupant(nick).toString(), sid,
                red, bridge, sources));
        initiate.setFrom((Jid) null);
        send(initiate);
        final JingleIQ accept = next(sid, WAIT);
        final var source = AnswerCheck.sessionAccept(initiate, accept, red);
        return new FocusCall(this, nick, sid, accept, source);
    }

    /** From now on, answers the gateway's Jingle requests with bad-request and this text (null: accept again). */
    public void refuseAnswers(String text) {
        refuseWith = text;
    }

    /** Sends the session-initiate without checking the answer; returns the sid (for refusal tests). */
    public String sendOffer(String nick, BridgeEndpoint bridge) throws Exception {
        final String sid = "sid" + Long.toHexString(System.nanoTime());
        final JingleIQ initiate = JitsiOffer.parse(JitsiOffer.sessionInitiate(focusJid(), occupant(nick).toString(), sid,
                false, bridge, java.util.List.of(BridgeSource.jvb(1))));
        initiate.setFrom((Jid) null);
        send(initiate);
        return sid;
    }

    /** Sends a request and returns the gateway's answer (an error answer throws XMPPErrorException). */
    IQ send(IQ request) throws Exception {
        return client.connection().sendIqRequestAndWaitForResponse(request);
    }

    /** Sends Jitsi's audio mute request to {@code nick}, as Jicofo does for a moderator. */
    public IQ mute(String nick, boolean mute) throws Exception {
        final MuteIq iq = new MuteIq();
        iq.setType(IQ.Type.set);
        iq.setTo(occupant(nick));
        iq.setJid(occupant(nick));
        iq.setActor(client.user());
        iq.setMute(mute);
        return send(iq);
    }

    /** The next Jingle request the gateway sent us, or an AssertionError after {@code timeout}. */
    public JingleIQ next(Duration timeout) throws InterruptedException {
        final JingleIQ iq = fromGateway.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (iq == null) {
            throw new AssertionError("the gateway sent no Jingle request within " + timeout);
        }
        return iq;
    }

    /**
     * The next Jingle request of session {@code sid}; requests of other sessions (several gateway callers in
     * one room) stay queued for {@link #next(Duration)}.
     */
    public JingleIQ next(String sid, Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (fromGateway) { // parallel offers (AutoFocus) each wait for their own session's answer
            while (true) {
                for (JingleIQ iq : fromGateway) {
                    if (sid.equals(iq.getSID()) && fromGateway.remove(iq)) {
                        return iq;
                    }
                }
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the gateway sent no Jingle request for " + sid + " within " + timeout
                            + (fromGateway.isEmpty() ? "" : " (only for other sessions: " + fromGateway.size() + ")"));
                }
                fromGateway.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
            }
        }
    }

    /** Kicks {@code nick} out of the room (MUC role none, status 307). */
    public void kick(String nick, String reason) throws Exception {
        muc.kickParticipant(Resourcepart.from(nick), reason);
    }

    @Override
    public void close() {
        client.close();
    }
}
