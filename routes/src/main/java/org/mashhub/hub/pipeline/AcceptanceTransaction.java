package org.mashhub.hub.pipeline;

import org.apache.camel.spring.spi.SpringTransactionPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** The acceptance's transaction, named for {@code transacted(...)} in {@link AcceptancePipelineRoute}. */
@Configuration(proxyBeanMethods = false)
class AcceptanceTransaction {

    @Bean(AcceptancePipelineRoute.OWN_TRANSACTION)
    SpringTransactionPolicy acceptanceTransaction(PlatformTransactionManager transactions) {
        SpringTransactionPolicy policy = new SpringTransactionPolicy(transactions);
        policy.setPropagationBehaviorName(AcceptancePipelineRoute.OWN_TRANSACTION);
        return policy;
    }
}
