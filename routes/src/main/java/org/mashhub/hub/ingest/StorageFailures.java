package org.mashhub.hub.ingest;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jms.JmsException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the hub cannot take the message now (a 503 with Retry-After), however it is wrapped: the
 * database or the broker is away, or the hub is starting or stopping (Camel refuses work before its routes run; the
 * HTTP port opens a little earlier).
 */
public final class StorageFailures {

    private StorageFailures() {
    }

    public static boolean isStorageFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof CannotCreateTransactionException || t instanceof JMSException
                    || t instanceof JMSRuntimeException || t instanceof JmsException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof java.util.concurrent.RejectedExecutionException) {
                return true;
            }
        }
        return false;
    }
}
