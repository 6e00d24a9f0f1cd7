package org.mashhub.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.ingest.PartnerProblems;
import org.mashhub.hub.ingest.RejectionAudit;
import org.mashhub.hub.ingest.health.FhirOutcomes;
import org.mashhub.hub.partner.PartnerKeyFilter;
import org.mashhub.hub.partner.PartnerKind;
import org.mashhub.hub.partner.PartnerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/** The two security chains: partner interfaces, and staff. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String[] PARTNER_PATHS = {"/api/v1/housing/**", "/api/v1/schools/**", "/fhir/**", "/services/**"};

    @Bean
    @Order(1)
    SecurityFilterChain partnerInterfaces(HttpSecurity http, PartnerRegistry registry, RejectionAudit audit,
                                          ObjectMapper mapper, HealthFhir fhir) throws Exception {
        return http
                .securityMatcher(PARTNER_PATHS)
                // Bearer keys, no cookies: nothing for a cross-site request to ride on.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new PartnerKeyFilter(registry), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers(HttpMethod.GET, "/fhir/metadata").permitAll()
                        .requestMatchers("/api/v1/housing/**").hasAuthority(PartnerKind.HOUSING.authority())
                        .requestMatchers("/api/v1/schools/**").hasAuthority(PartnerKind.SCHOOLS.authority())
                        .requestMatchers("/fhir/**").hasAuthority(PartnerKind.HEALTH.authority())
                        .requestMatchers("/services/**").hasAuthority(PartnerKind.POLICE.authority())
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, failure) -> {
                            String reason = String.valueOf(request.getAttribute(PartnerKeyFilter.FAILURE_ATTRIBUTE));
                            String correlationId = CorrelationIdFilter.of(request);
                            audit.authenticationFailed(request.getRemoteAddr(), correlationId, request.getRequestURI(), reason);
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "invalid-key".equals(reason)
                                    ? "Bearer error=\"invalid_token\"" : "Bearer");
                            String detail = "invalid-key".equals(reason) ? "The key is not valid." : "Send Authorization: Bearer <api-key>.";
                            if (isFhir(request)) {
                                writeOutcome(response, 401, OperationOutcome.IssueType.LOGIN, detail, fhir);
                            } else {
                                ProblemResponses.write(response, PartnerProblems.unauthenticated(detail, correlationId), mapper);
                            }
                        })
                        .accessDeniedHandler((request, response, denied) -> {
                            String partnerId = partnerIdOf(request);
                            String correlationId = CorrelationIdFilter.of(request);
                            audit.accessDenied("partner:" + partnerId, partnerId, correlationId, request.getRequestURI());
                            if (isFhir(request)) {
                                writeOutcome(response, 403, OperationOutcome.IssueType.FORBIDDEN,
                                        "This partner may not use this interface.", fhir);
                            } else {
                                ProblemResponses.write(response, PartnerProblems.forbidden(
                                        "This partner may not use this interface.", correlationId), mapper);
                            }
                        }))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain staff(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(authorize -> authorize
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/sim/case-system/**").permitAll()
                        .requestMatchers("/api/v1/audit/**").hasRole(StaffRole.AUDITOR.name())
                        .requestMatchers("/api/v1/admin/**", "/actuator/**").hasRole(StaffRole.ENGINEER.name())
                        .anyRequest().authenticated())
                // The simulated case system is called by the hub with a signature, not a session.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/sim/case-system/**"))
                .formLogin(form -> form.permitAll())
                .httpBasic(basic -> { })
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), new AntPathRequestMatcher("/api/**")))
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

    /** Health partners get their refusals as FHIR, like every other answer on the FHIR edge. */
    private static boolean isFhir(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/fhir");
    }

    private static void writeOutcome(HttpServletResponse response, int status, OperationOutcome.IssueType type, String detail,
                                     HealthFhir fhir) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getOutputStream().write(fhir.context().newJsonParser()
                .encodeResourceToString(FhirOutcomes.refused(type, detail)).getBytes(StandardCharsets.UTF_8));
    }

    private static String partnerIdOf(HttpServletRequest request) {
        Authentication authentication = (Authentication) request.getUserPrincipal();
        return authentication == null ? null : authentication.getName();
    }
}
