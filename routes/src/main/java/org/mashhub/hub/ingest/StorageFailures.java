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

/** Whether a failure means the database or broker cannot take the message now (a 503), however it is wrapped. */
public final class StorageFailures {

    private StorageFailures() {
    }

    public static boolean isStorageFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof CannotCreateTransactionException || t instanceof JMSException
                    || t instanceof JMSRuntimeException || t instanceof JmsException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
