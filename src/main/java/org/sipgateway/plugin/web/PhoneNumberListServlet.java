package org.sipgateway.plugin.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.sipgateway.plugin.DialInNumbers;
import org.sipgateway.plugin.SipGatewayPlugin;

/**
 * {@code /phoneNumberList}, what Jitsi Meet's {@code dialInNumbersUrl} reads: the configured numbers as
 * [{countryCode, formattedNumber, tollFree}], or with {@code ?format=numbers} the older
 * {numbersEnabled, numbers: {country: [...]}} form Meet also accepts.
 */
public final class PhoneNumberListServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        final Optional<SipGatewayPlugin> plugin = PublicJson.admit(request, response);
        if (plugin.isEmpty()) {
            return;
        }
        try {
            final DialInNumbers numbers = plugin.get().dialInNumbers();
            PublicJson.send(response, 200, "numbers".equals(request.getParameter("format")) ? byCountry(numbers)
                    : list(numbers));
        } catch (RuntimeException e) {
            PublicJson.failed(response, "phoneNumberList", e);
        }
    }

    private static ObjectNode byCountry(DialInNumbers numbers) {
        final ObjectNode body = PublicJson.JSON.createObjectNode();
        body.put("numbersEnabled", !numbers.entries().isEmpty());
        final ObjectNode byCountry = body.putObject("numbers");
        numbers.entries().forEach(e -> {
            final ArrayNode list = byCountry.has(e.countryCode()) ? (ArrayNode) byCountry.get(e.countryCode())
                    : byCountry.putArray(e.countryCode());
            list.add(e.formattedNumber());
        });
        return body;
    }

    private static ArrayNode list(DialInNumbers numbers) {
        final ArrayNode list = PublicJson.JSON.createArrayNode();
        numbers.entries().forEach(e -> list.addObject().put("countryCode", e.countryCode())
                .put("formattedNumber", e.formattedNumber()).put("tollFree", e.tollFree()));
        return list;
    }
}
