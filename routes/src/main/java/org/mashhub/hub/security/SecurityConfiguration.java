package org.mashhub.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.edge.PublicUrl;
import org.mashhub.hub.ingest.IngestProperties;
import org.mashhub.hub.ingest.PartnerProblems;
import org.mashhub.hub.ingest.RejectionAudit;
import org.mashhub.hub.partner.PartnerKeyFilter;
import org.mashhub.hub.partner.PartnerKind;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.partner.PartnersProperties;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/** The two security chains: partner interfaces, and staff. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String[] PARTNER_PATHS = {"/api/v1/housing/**", "/api/v1/schools/**", "/api/v1/partner/**", "/fhir/**", "/services/**"};
    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /**
     * No observation of each security filter, authentication and authorization: nothing reads them (HTTP requests are
     * measured as a whole), and wrapping every filter of every request took 4% of the hub's CPU under load.
     */
    @Bean
    SecurityObservationSettings noSecurityFilterObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** What the case system reports back (referral outcomes): its own Bearer key, nothing else. */
    @Bean
    @Order(0)
    SecurityFilterChain caseSystemReports(HttpSecurity http, PartnersProperties partners, ObjectMapper mapper,
                                          @org.springframework.beans.factory.annotation.Value("${hub.case-system.inbound-key-hash:}") String keyHash)
            throws Exception {
        StaffApiRefusals refusals = new StaffApiRefusals(mapper);
        return http
                .securityMatcher(PATHS.matcher("/api/v1/case-system/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new CaseSystemKeyFilter(keyHash, new org.mashhub.hub.partner.PartnerKeys(partners.partnerKeyPepper())),
                        BasicAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .anyRequest().hasAuthority(CaseSystemKeyFilter.AUTHORITY))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            refusals.notSignedIn(request, response, "Send Authorization: Bearer followed by the case system's key.");
                        })
                        .accessDeniedHandler((request, response, denied) -> refusals.forbidden(request, response)))
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain partnerInterfaces(HttpSecurity http, PartnerRegistry registry, RejectionAudit audit,
                                          ObjectMapper mapper, HealthFhir fhir, IngestProperties ingest,
                                          ApplicationAvailability availability, FailedPartnerKeys failedKeys) throws Exception {
        PartnerRefusals refusals = new PartnerRefusals(mapper, fhir);
        return http
                // Paths within the application, whichever servlet (Spring MVC, CXF) serves them.
                .securityMatcher(paths(PARTNER_PATHS))
                // Bearer keys, no cookies: nothing for a cross-site request to ride on.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new PartnerKeyFilter(registry, request -> failedKeys.limited(request.getRemoteAddr())),
                        BasicAuthenticationFilter.class)
                .addFilterBefore(new PoliceContractGets(refusals), PartnerKeyFilter.class)
                // After the key check (microseconds, PartnerKeys): made-up keys are refused without taking one of the
                // places real partners' messages are worked on in.
                .addFilterAfter(new IngestAdmission(ingest, refusals, availability), PartnerKeyFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        // An error page for a request already secured: show the error, not a second refusal.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/fhir/metadata")).permitAll()
                        // the hub's profiles and the like, and their package: a partner's validator loads them
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/fhir/package.tgz"),
                                PATHS.matcher(HttpMethod.GET, "/fhir/{type:StructureDefinition|CodeSystem|ValueSet|MessageDefinition}"),
                                PATHS.matcher(HttpMethod.GET, "/fhir/{type:StructureDefinition|CodeSystem|ValueSet|MessageDefinition}/*"))
                                .permitAll()
                        // the police WSDL and its XSD: the contract is public, notices are not
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/services/police")).permitAll()
                        .requestMatchers(PATHS.matcher("/api/v1/housing/**")).hasAuthority(PartnerKind.HOUSING.authority())
                        .requestMatchers(PATHS.matcher("/api/v1/schools/**")).hasAuthority(PartnerKind.SCHOOLS.authority())
                        // What the hub sends back: every partner reads its own (the controller keeps to the key's partner).
                        .requestMatchers(PATHS.matcher("/api/v1/partner/**")).authenticated()
                        .requestMatchers(PATHS.matcher("/fhir/**")).hasAuthority(PartnerKind.HEALTH.authority())
                        .requestMatchers(PATHS.matcher("/services/**")).hasAuthority(PartnerKind.POLICE.authority())
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) -> {
                            String reason = String.valueOf(request.getAttribute(PartnerKeyFilter.FAILURE_ATTRIBUTE));
                            String correlationId = CorrelationIdFilter.of(request);
                            failedKeys.failed(request.getRemoteAddr(), reason,
                                    (String) request.getAttribute(PartnerKeyFilter.CLAIMED_ATTRIBUTE), request.getRequestURI(), correlationId);
                            if ("too-many-failed-keys".equals(reason)) {
                                long retryAfter = FailedPartnerKeys.WINDOW.toSeconds();
                                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
                                refusals.write(request, response, PartnerProblems.tooManyFailedKeys(retryAfter, correlationId),
                                        OperationOutcome.IssueType.THROTTLED);
                                return;
                            }
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "invalid-key".equals(reason)
                                    ? "Bearer error=\"invalid_token\"" : "Bearer");
                            String detail = "invalid-key".equals(reason) ? "The key is not valid." : "Send Authorization: Bearer followed by the partner's API key.";
                            refusals.write(request, response, PartnerProblems.unauthenticated(detail, correlationId),
                                    OperationOutcome.IssueType.LOGIN);
                        })
                        .accessDeniedHandler((request, response, denied) -> {
                            String partnerId = partnerIdOf(request);
                            String correlationId = CorrelationIdFilter.of(request);
                            audit.accessDenied("partner:" + partnerId, partnerId, correlationId, request.getRequestURI());
                            refusals.write(request, response, PartnerProblems.forbidden(
                                    "This partner may not use this interface.", correlationId), OperationOutcome.IssueType.FORBIDDEN);
                        }))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain staff(HttpSecurity http, UserDetailsService staffUsers, StaffSignIns signIns, RejectionAudit audit,
                              PublicUrl publicUrl, ObjectProvider<ClientRegistrationRepository> councilProvider,
                              CouncilSignIn council, ObjectMapper mapper) throws Exception {
        StaffApiRefusals apiRefusals = new StaffApiRefusals(mapper);
        RequestMatcher apis = PATHS.matcher("/api/**");
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(staffUsers);
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        BasicAuthenticationEntryPoint basicChallenge = new BasicAuthenticationEntryPoint();
        basicChallenge.setRealmName("Realm"); // Spring Security's own default
        ClientRegistrationRepository registrations = councilProvider.getIfAvailable();
        List<AuthenticationProvider> providers = new ArrayList<>(List.of(new RememberedStaffLogins(passwords, signIns)));
        if (registrations != null) {
            providers.add(new OidcAuthorizationCodeAuthenticationProvider(new RestClientAuthorizationCodeTokenResponseClient(),
                    council.users()));
        }
        if (registrations != null) {
            // The council's identity provider (spring.security.oauth2.client.*; the oidc profile): staff sign in there,
            // their roles from its claim, and signing out of the hub signs them out there too.
            OidcClientInitiatedLogoutSuccessHandler signOutThere = new OidcClientInitiatedLogoutSuccessHandler(registrations);
            signOutThere.setPostLogoutRedirectUri("{baseUrl}/login?logout");
            http.oauth2Login(oidc -> oidc.loginPage("/login").defaultSuccessUrl("/mash")
                            .failureHandler((request, response, failure) -> {
                                String reason = failure instanceof OAuth2AuthenticationException oauth
                                        ? oauth.getError().getErrorCode() : failure.getClass().getSimpleName();
                                LoggerFactory.getLogger(SecurityConfiguration.class).warn("Council sign-in refused: {}", reason);
                                signIns.failed("oidc", request.getRemoteAddr(), "oidc " + reason);
                                response.sendRedirect(request.getContextPath() + "/login?error");
                            }))
                    .logout(logout -> logout.logoutSuccessHandler(signOutThere));
        } else {
            http.logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        }
        return http
                .authenticationManager(new ProviderManager(providers))
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(paths("/actuator/health", "/actuator/health/**")).permitAll()
                        // The REST APIs' OpenAPI document: a partner's developer reads it before having a key.
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/v3/api-docs"), PATHS.matcher(HttpMethod.GET, "/v3/api-docs.yaml"))
                                .permitAll()
                        // The simulated case system (demo and tests only): the hub's signed deliveries come in unsigned-in;
                        // what it received holds children's details, for those who may read them.
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/sim/case-system/events")).permitAll()
                        .requestMatchers(paths("/sim/case-system/**")).hasAnyRole(StaffRole.PRACTITIONER.name(), StaffRole.MANAGER.name())
                        .requestMatchers(paths("/api/v1/audit/**")).hasRole(StaffRole.AUDITOR.name())
                        .requestMatchers(paths("/api/v1/admin/**", "/actuator/**")).hasRole(StaffRole.ENGINEER.name())
                        // Engineers load the case system's children and tend the model (ids and counts); matching and
                        // reviews show children's details, for those who work with children.
                        .requestMatchers(paths("/api/v1/identity/model/**")).hasRole(StaffRole.ENGINEER.name())
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/api/v1/identity/children")).hasRole(StaffRole.ENGINEER.name())
                        .requestMatchers(paths("/api/v1/identity/**")).hasAnyRole(StaffRole.PRACTITIONER.name(), StaffRole.MANAGER.name())
                        // Referrals are worked by practitioners and managers; a manager signs decisions off.
                        .requestMatchers(paths("/api/v1/referrals/*/decision/sign-off")).hasRole(StaffRole.MANAGER.name())
                        .requestMatchers(paths("/api/v1/referrals", "/api/v1/referrals/**")).hasAnyRole(StaffRole.PRACTITIONER.name(),
                                StaffRole.MANAGER.name())
                        // Partner checks are raised and read by those who work with children.
                        .requestMatchers(paths("/api/v1/enquiries", "/api/v1/enquiries/**")).hasAnyRole(StaffRole.PRACTITIONER.name(),
                                StaffRole.MANAGER.name())
                        // That items are withheld, and the agreements, any staff may see; what they hold, and deciding, is a manager's.
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/v1/sharing/agreements"),
                                PATHS.matcher(HttpMethod.GET, "/api/v1/sharing/withheld")).hasAnyRole(StaffRole.PRACTITIONER.name(),
                                StaffRole.MANAGER.name(), StaffRole.ENGINEER.name(), StaffRole.AUDITOR.name())
                        .requestMatchers(paths("/api/v1/sharing/**", "/api/v1/consent/**", "/api/v1/consent"))
                                .hasRole(StaffRole.MANAGER.name())
                        // The MASH view: the page's assets and the login for everyone; aggregates for any staff;
                        // children's information for practitioners and managers; decisions by role.
                        .requestMatchers(paths("/login", "/mash/assets/**", "/webjars/**", "/oauth2/authorization/*",
                                "/login/oauth2/code/*")).permitAll()
                        // GOV.UK Frontend's stylesheet asks for its fonts under /assets/. The hub does not serve them (GDS
                        // Transport is licensed for GOV.UK services only), so browsers fall back to Arial on a 404. Behind a
                        // sign-in these were 401s with a Basic challenge: a password prompt for a font, which held headless
                        // Chromium's page load open until it timed out.
                        .requestMatchers(paths("/assets/**", "/favicon.ico")).permitAll()
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/mash"), PATHS.matcher(HttpMethod.GET, "/mash/session")).authenticated()
                        .requestMatchers(paths("/mash/dashboard", "/mash/dashboard.csv", "/mash/time-to-answer.csv")).hasAnyRole(StaffRole.PRACTITIONER.name(), StaffRole.MANAGER.name(),
                                StaffRole.AUDITOR.name(), StaffRole.ENGINEER.name())
                        .requestMatchers(paths("/mash/children/*/views", "/mash/audit", "/mash/audit/verify")).hasRole(StaffRole.AUDITOR.name())
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/mash/withheld/**"), PATHS.matcher(HttpMethod.GET, "/mash/withheld/*"))
                                .hasRole(StaffRole.MANAGER.name())
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/mash/referrals/*/sign-off")).hasRole(StaffRole.MANAGER.name())
                        .requestMatchers(paths("/mash/sign-off")).hasRole(StaffRole.MANAGER.name())
                        .requestMatchers(paths("/mash/parked", "/mash/parked/**", "/mash/connections")).hasRole(StaffRole.ENGINEER.name())
                        .requestMatchers(paths("/mash", "/mash/**")).hasAnyRole(StaffRole.PRACTITIONER.name(), StaffRole.MANAGER.name())
                        .anyRequest().authenticated())
                // The simulated case system is called by the hub with a signature, not a session. A tool calling the API
                // with its own password (HTTP Basic) and no session cookie has nothing a cross-site page could ride on;
                // a request with a session cookie is checked, whatever else it carries.
                .csrf(csrf -> csrf.ignoringRequestMatchers(PATHS.matcher(HttpMethod.POST, "/sim/case-system/events"),
                        SecurityConfiguration::basicWithoutSession))
                .headers(headers -> {
                    // Pages run only the hub's own scripts: partner text that slipped through escaping still could not run.
                    headers.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; "
                            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"));
                    // A child's page address (its id) is not sent to other sites.
                    headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
                    if (publicUrl.isHttps()) {
                        // Behind TLS (at the hub or at a proxy the hub trusts): browsers keep to https for a year.
                        headers.httpStrictTransportSecurity(hsts -> hsts.requestMatcher(AnyRequestMatcher.INSTANCE)
                                .maxAgeInSeconds(31_536_000).includeSubDomains(true));
                    }
                })
                // Staff accounts in the settings: the demo and the tests only (UnsafeSettings).
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/mash").permitAll())
                // A tool's wrong password on the APIs gets problem details too (with the challenge); pages get the usual challenge.
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, failure) -> {
                    if (apis.matches(request)) {
                        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Realm\"");
                        apiRefusals.notSignedIn(request, response, "The user name or password was not accepted.");
                    } else {
                        basicChallenge.commence(request, response, failure);
                    }
                }))
                .exceptionHandling(e -> e
                        // The staff APIs answer as every API of the hub does: problem details.
                        .defaultAuthenticationEntryPointFor((request, response, failure) ->
                                apiRefusals.notSignedIn(request, response, StaffApiRefusals.SIGN_IN), apis)
                        // The timeout warning's "stay signed in", after the session has ended: a plain 401 the page acts
                        // on, not a Basic challenge that would put the browser's password prompt in front of the person.
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED),
                                PATHS.matcher(HttpMethod.GET, "/mash/session"))
                        .accessDeniedHandler((request, response, denied) -> {
                            Authentication who = (Authentication) request.getUserPrincipal();
                            audit.accessDenied("staff:" + (who == null ? "anonymous" : who.getName()), null,
                                    CorrelationIdFilter.of(request), request.getMethod() + " " + request.getRequestURI());
                            if (apis.matches(request) && who == null) {
                                // Refused before sign-in (a POST without credentials fails the CSRF check first): sign in.
                                apiRefusals.notSignedIn(request, response, StaffApiRefusals.SIGN_IN);
                            } else if (apis.matches(request)) {
                                apiRefusals.forbidden(request, response);
                            } else {
                                forbidden.handle(request, response, denied);
                            }
                        }))
                .build();
    }

    @Bean
    UserDetailsService staffUsers(StaffProperties staff) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (StaffProperties.StaffUser user : staff.users()) {
            users.createUser(User.withUsername(user.username())
                    .password(user.passwordHash())
                    .roles(user.roles().stream().map(Enum::name).toArray(String[]::new))
                    .build());
        }
        return users;
    }

    /** HTTP Basic credentials and no session cookie: a tool, not a browser session. */
    private static boolean basicWithoutSession(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6) && request.getRequestedSessionId() == null;
    }

    private static RequestMatcher paths(String... patterns) {
        return new OrRequestMatcher(Arrays.stream(patterns).map(p -> (RequestMatcher) PATHS.matcher(p)).toList());
    }

    private static String partnerIdOf(HttpServletRequest request) {
        Authentication authentication = (Authentication) request.getUserPrincipal();
        return authentication == null ? null : authentication.getName();
    }
}
