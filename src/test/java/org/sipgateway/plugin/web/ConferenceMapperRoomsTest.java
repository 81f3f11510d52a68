package org.sipgateway.plugin.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConferenceMapperRoomsTest {
    @Test
    void onlyTheMucServiceAndItsTenantsGetPins() {
        assertTrue(ConferenceMapperServlet.onService("conference.meet.example.com", "conference.meet.example.com"));
        assertTrue(ConferenceMapperServlet.onService("conference.acme.meet.example.com", "conference.meet.example.com"));
        assertTrue(ConferenceMapperServlet.onService("conference.meet.example.com", "Conference.Meet.Example.com"));
        assertFalse(ConferenceMapperServlet.onService("conference.evil.example.com", "conference.meet.example.com"));
        assertFalse(ConferenceMapperServlet.onService("meet.example.com", "conference.meet.example.com"));
        assertFalse(ConferenceMapperServlet.onService("conference..meet.example.com", "conference.meet.example.com"));
        assertFalse(ConferenceMapperServlet.onService("conference.a.b.meet.example.com", "conference.meet.example.com"));
        assertFalse(ConferenceMapperServlet.onService("conference.meet.example.com.evil.org", "conference.meet.example.com"));
        assertFalse(ConferenceMapperServlet.onService("conference.-x.meet.example.com", "conference.meet.example.com"));
        assertFalse(ConferenceMapperServlet.onService("muc.acme.localhost", "localhost"), "a service without a dot");
    }
}
