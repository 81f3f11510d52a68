package org.sipgateway.plugin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.jivesoftware.database.DbConnectionManager;
import org.sipgateway.gateway.ConferencePins;
import org.sipgateway.gateway.PinGenerator;

/**
 * Room PINs in the plugin's own table of Openfire's database (schema in database/), so they survive
 * restarts and are the same on every node of a cluster.
 */
final class DatabaseConferencePins implements ConferencePins {
    private static final String BY_ROOM = "SELECT pin FROM ofSipGwRoomPin WHERE room=?";
    private static final String BY_PIN = "SELECT room FROM ofSipGwRoomPin WHERE pin=?";
    private static final String INSERT = "INSERT INTO ofSipGwRoomPin (pin, room, created) VALUES (?, ?, ?)";
    private static final int ATTEMPTS = 20;

    private final PinGenerator generator;

    DatabaseConferencePins(PinGenerator generator) {
        this.generator = generator;
    }

    @Override
    public synchronized String pinFor(String roomJid) {
        final Optional<String> existing = query(BY_ROOM, roomJid);
        if (existing.isPresent()) {
            return existing.get();
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            final String pin = generator.next();
            if (query(BY_PIN, pin).isEmpty() && insert(pin, roomJid)) {
                return pin;
            }
            final Optional<String> raced = query(BY_ROOM, roomJid); // another node may have created it
            if (raced.isPresent()) {
                return raced.get();
            }
        }
        throw new IllegalStateException("no free PIN after " + ATTEMPTS + " attempts: raise sipgateway.pin.length");
    }

    @Override
    public Optional<String> roomFor(String pin) {
        return query(BY_PIN, pin);
    }

    private static Optional<String> query(String sql, String value) {
        try (Connection db = DbConnectionManager.getConnection(); PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("room PIN lookup failed: " + e.getMessage(), e);
        }
    }

    private static boolean insert(String pin, String room) {
        try (Connection db = DbConnectionManager.getConnection(); PreparedStatement ps = db.prepareStatement(INSERT)) {
            ps.setString(1, pin);
            ps.setString(2, room);
            ps.setLong(3, System.currentTimeMillis());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            return false; // a duplicate PIN or room (unique keys): the caller looks again
        }
    }
}
