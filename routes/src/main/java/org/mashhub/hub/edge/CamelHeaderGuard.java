package org.mashhub.hub.edge;

import org.apache.camel.Exchange;

/**
 * Drops every header whose name starts with "camel", in any letter case, from a message that came from
 * outside. Camel's header map is case-insensitive, so a partner's {@code CAMELFILENAME} would otherwise
 * reach components as {@code CamelFileName} (CVE-2025-27636, CVE-2026-40453).
 */
public final class CamelHeaderGuard {

    private CamelHeaderGuard() {
    }

    public static void dropCamelHeaders(Exchange exchange) {
        exchange.getMessage().getHeaders().keySet()
                .removeIf(name -> name.regionMatches(true, 0, "camel", 0, 5));
    }
}
