package org.mashhub.hub.ingest.schools;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.mashhub.hub.ingest.RejectionAudit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.mashhub.hub.partner.ConnectionFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
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
    /** The route template each school connection instantiates: its partner id and its folder. */
    static final String TEMPLATE = "school-folder";
    private static final String PARTNER_HEADER = "MashSchoolPartner";
    private static final Logger log = LoggerFactory.getLogger(SchoolFileRoute.class);

    private final PartnerRegistry partners;
    private final SchoolInbox inbox;
    private final SchoolFileProcessor processor;
    private final SchoolsProperties properties;
    private final RejectionAudit rejections;

    SchoolFileRoute(PartnerRegistry partners, SchoolInbox inbox, SchoolFileProcessor processor, SchoolsProperties properties,
                    RejectionAudit rejections) {
        this.rejections = rejections;
        this.partners = partners;
        this.inbox = inbox;
        this.processor = processor;
        this.properties = properties;
    }

    @Override
    public void configure() {
        // readLock=changed: a file still being copied in is left until its size stops changing.
        routeTemplate(TEMPLATE).templateParameter("partnerId").templateParameter("folder")
                .from("file:{{folder}}?move=.done&sortBy=file:modified&antExclude=*" + SchoolInbox.ERROR_REPORT_SUFFIX
                        + "&readLock=changed&readLockCheckInterval=500&readLockMinLength=0&readLockTimeout=60000"
                        + "&maxDepth=1&delay=" + properties.pollInterval().toMillis())
                .routeConfigurationId(SchoolFileErrorPolicy.ID)
                .setHeader(PARTNER_HEADER, constant("{{partnerId}}"))
                .process(this::process);
        for (Partner partner : partners.enabled(PartnerKind.SCHOOLS)) {
            templatedRoute(TEMPLATE).routeId(ROUTE_ID_PREFIX + partner.id()).parameter("partnerId", partner.id())
                    .parameter("folder", folder(partner));
        }
    }

    /** A connection changed: a folder route for each enabled school partner, and none for any other. */
    @EventListener
    void connectionsChanged(ConnectionFiles.ConnectionsChanged changed) throws Exception {
        CamelContext camel = getContext();
        Set<String> wanted = new HashSet<>();
        for (Partner partner : partners.enabled(PartnerKind.SCHOOLS)) {
            String routeId = ROUTE_ID_PREFIX + partner.id();
            wanted.add(routeId);
            if (camel.getRoute(routeId) == null) {
                TemplatedRouteBuilder.builder(camel, TEMPLATE).routeId(routeId).parameter("partnerId", partner.id())
                        .parameter("folder", folder(partner)).add();
                camel.getRouteController().startRoute(routeId); // a route added from a template to a running context waits
                log.info("School folder route {} started", routeId);
            }
        }
        for (Route route : List.copyOf(camel.getRoutes())) {
            if (route.getRouteId().startsWith(ROUTE_ID_PREFIX) && !wanted.contains(route.getRouteId())) {
                camel.getRouteController().stopRoute(route.getRouteId());
                camel.removeRoute(route.getRouteId());
                log.info("School folder route {} removed", route.getRouteId());
            }
        }
    }

    private void process(Exchange exchange) throws Exception {
        String partnerId = exchange.getMessage().getHeader(PARTNER_HEADER, String.class);
        Partner partner = partners.byId(partnerId).orElseThrow(() -> new IllegalStateException("no partner " + partnerId));
        Path file = exchange.getMessage().getBody(File.class).toPath();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            // A symbolic link could bring in any file the hub can read, as the school's, and its cells would come back
            // in the errors report: it is refused unread, and moved to .done like any file taken.
            rejections.rejected(partner.id(), null, 422, "school folder: not a regular file (a symbolic link?), refused unread");
            log.warn("School {}: a file in its folder that is not a regular file (a symbolic link?) was refused unread", partner.id());
            return;
        }
        processor.process(file, partner);
    }

    private String folder(Partner partner) {
        return inbox.folder(partner.id()).toAbsolutePath().toString();
    }
}
