/**
 * Citizen transparency: personal data usage records on the provider security server and the Data
 * Tracker's {@code findUsage} service over them (issue 7; reference {@code data-tracker/}).
 *
 * <p>A provider declares, per service or REST endpoint, where a request names its data subject;
 * every exchange with such a service leaves a {@link org.sild.securityserver.datatracker.UsageRecord}
 * per subject ({@link org.sild.securityserver.datatracker.UsageStore}, table {@code pdu_usage},
 * migration V6), and the subject may later ask who used their data and why: the server proxy
 * answers {@link org.sild.securityserver.datatracker.FindUsage} (service code {@code findUsage},
 * REST {@code /v2/findUsage}, {@code /v2/usagePeriod}, {@code /v2/heartbeat} and SOAP v1) itself
 * for those subsystems, to clients granted it through the ordinary access rights.
 */
package org.sild.securityserver.datatracker;
