/**
 * The message broker: the embedded Artemis server's settings (persistent journal, paging, duplicate
 * detection, redelivery and dead letters), the queue names, and the Camel JMS component every route
 * uses. With the {@code external-broker} profile the same queues live on a standalone broker configured
 * by {@code docker/artemis/broker.xml}.
 */
package org.mashhub.hub.broker;
