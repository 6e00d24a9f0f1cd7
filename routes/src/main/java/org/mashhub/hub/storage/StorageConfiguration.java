package org.mashhub.hub.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded H2 database gets its commits written in groups ({@link H2GroupWrites}); PostgreSQL is used as it is. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean
    static BeanPostProcessor h2GroupWrites() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:h2:file:")) {
                    return new H2GroupWrites(pool);
                }
                return bean;
            }
        };
    }

    /** Commits and the writes they shared, so that an operator sees how well commits are grouped. */
    @Bean
    MeterBinder h2WriteMeters(DataSource dataSource) {
        return registry -> {
            if (dataSource instanceof H2GroupWrites h2) {
                FunctionCounter.builder("mash.hub.database.commits", h2, H2GroupWrites::commits)
                        .description("Commits on the embedded H2 database").register(registry);
                FunctionCounter.builder("mash.hub.database.writes", h2, H2GroupWrites::stores)
                        .description("Writes of the embedded H2 database's file that commits waited for (shared by the commits that end together)")
                        .register(registry);
            }
        };
    }
}
