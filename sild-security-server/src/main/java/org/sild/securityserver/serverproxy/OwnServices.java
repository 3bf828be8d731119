package org.sild.securityserver.serverproxy;

import java.util.Optional;
import org.sild.securityserver.datatracker.DataTracker;
import org.sild.securityserver.datatracker.FindUsage;
import org.sild.securityserver.envmonitor.EnvMonitor;
import org.sild.securityserver.metadata.Metaservices;
import org.sild.securityserver.opmonitor.MonitoringServices;

/**
 * What the provider side does besides relaying to information systems, each optional: the services
 * this server answers itself (metaservices, operational and environmental monitoring, the Data
 * Tracker's findUsage) and the personal data usage it records.
 */
record OwnServices(Optional<Metaservices> metaservices, Optional<MonitoringServices> monitoring,
                   Optional<EnvMonitor> envMonitor, Optional<FindUsage> findUsage,
                   Optional<DataTracker> dataTracker) {
}
