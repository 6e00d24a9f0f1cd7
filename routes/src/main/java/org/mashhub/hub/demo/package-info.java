/**
 * The demo profile's simulated partners: they send the example messages from {@code schemas/} over
 * real HTTP with the demo keys, each time as a new message, so a newcomer sees the hub at work.
 */
package org.mashhub.hub.demo;
