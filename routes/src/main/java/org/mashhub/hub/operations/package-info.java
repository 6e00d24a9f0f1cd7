/**
 * Running the hub: its metrics (steps per partner from the audit, delivery latency, queue depths), its health
 * (database, broker, case system), and partner connections as files.
 */
package org.mashhub.hub.operations;
