package org.mashhub.hub.ingest.schools;

import java.io.File;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.mashhub.hub.partner.Partner;
import org.mashhub.hub.partner.PartnerKind;
import org.mashhub.hub.partner.PartnerRegistry;
import org.springframework.stereotype.Component;

/**
 * One watched folder per school partner, {@code {hub.schools.inbox-dir}/{partnerId}/}: each file in it,
 * oldest first (a later attendance file's marks replace an earlier one's), is processed to the end and
 * then moved to {@code .done/}. Error reports ({@code *.errors.csv}) and hidden files (uploads being
 * written) are left alone. A file that could not be stored stays for the next look.
 */
@Component
class SchoolFileRoute extends RouteBuilder {

    static final String ROUTE_ID_PREFIX = "school-files-";

    private final PartnerRegistry partners;
    private final SchoolInbox inbox;
    private final SchoolFileProcessor processor;
    private final SchoolsProperties properties;

    SchoolFileRoute(PartnerRegistry partners, SchoolInbox inbox, SchoolFileProcessor processor, SchoolsProperties properties) {
        this.partners = partners;
        this.inbox = inbox;
        this.processor = processor;
        this.properties = properties;
    }

    @Override
    public void configure() {
        for (Partner partner : partners.enabled(PartnerKind.SCHOOLS)) {
            String folder = inbox.folder(partner.id()).toAbsolutePath().toString();
            // readLock=changed: a file still being copied in is left until its size stops changing.
            from("file:" + folder + "?move=.done&sortBy=file:modified&antExclude=*" + SchoolInbox.ERROR_REPORT_SUFFIX
                    + "&readLock=changed&readLockCheckInterval=500&readLockMinLength=0&readLockTimeout=60000"
                    + "&maxDepth=1&delay=" + properties.pollInterval().toMillis())
                    .routeId(ROUTE_ID_PREFIX + partner.id()).routeConfigurationId(SchoolFileErrorPolicy.ID)
                    .process(exchange -> processor.process(fileOf(exchange).toPath(), partner)).id("process-school-file-" + partner.id());
        }
    }

    private static File fileOf(Exchange exchange) {
        return exchange.getMessage().getBody(File.class);
    }
}
