package org.sild.centralserver.registry;

import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import org.sild.core.id.ClientId;

/**
 * The instance's global settings (X-Road's central server system parameters). Immutable; change
 * one with the {@code with...} methods and {@link Registry#changeSettings}.
 *
 * @param ocspFreshnessSeconds        how old an OCSP response may be (shared parameters; default 3600)
 * @param timeStampingIntervalSeconds how often security servers time-stamp (private parameters; default
 *                                    60, less than the OCSP freshness)
 * @param managementServiceProvider   the subsystem (or member) providing the management services
 * @param authCertRegServiceAddress   where security servers register authentication certificates, e.g.
 *                                    {@code https://cs.example.org:4001/managementservice/}
 * @param authCertRegServiceCert      the TLS certificate of that service, which security servers pin
 * @param configurationValiditySeconds how long a published configuration is valid (X-Road's
 *                                    {@code confExpireIntervalSeconds}; default 600)
 * @param autoApproveAuthCertReg      approve authentication certificate registrations of existing members at once
 * @param autoApproveClientReg        approve client registrations on registered servers of existing members at once
 * @param autoApproveOwnerChange      approve owner changes to existing members at once
 * @param monitoringClient            the member or subsystem allowed to query monitoring data from every
 *                                    security server; published as the optional {@code MONITORING} part
 */
public record Settings(int ocspFreshnessSeconds, int timeStampingIntervalSeconds,
                       Optional<ClientId> managementServiceProvider, Optional<String> authCertRegServiceAddress,
                       Optional<X509Certificate> authCertRegServiceCert, int configurationValiditySeconds,
                       boolean autoApproveAuthCertReg, boolean autoApproveClientReg, boolean autoApproveOwnerChange,
                       Optional<ClientId> monitoringClient) {

    public static final int DEFAULT_OCSP_FRESHNESS = 3600;
    public static final int DEFAULT_TIME_STAMPING_INTERVAL = 60;
    public static final int DEFAULT_CONFIGURATION_VALIDITY = 600;
    /** The shortest configuration validity accepted, in seconds. */
    public static final int MIN_CONFIGURATION_VALIDITY = 60;

    public Settings {
        Checks.positive("ocspFreshnessSeconds", ocspFreshnessSeconds, 1, 365 * 24 * 3600);
        Checks.positive("timeStampingIntervalSeconds", timeStampingIntervalSeconds, 1, 365 * 24 * 3600);
        if (timeStampingIntervalSeconds >= ocspFreshnessSeconds) {
            throw RegistryException.invalid("timeStampingIntervalSeconds", "timeStampingIntervalSeconds ("
                    + timeStampingIntervalSeconds + ") must be less than ocspFreshnessSeconds (" + ocspFreshnessSeconds
                    + ")");
        }
        Objects.requireNonNull(managementServiceProvider);
        authCertRegServiceAddress = authCertRegServiceAddress.map(a -> Checks.url("authCertRegServiceAddress", a));
        Objects.requireNonNull(authCertRegServiceCert);
        Checks.positive("configurationValiditySeconds", configurationValiditySeconds, MIN_CONFIGURATION_VALIDITY,
                30 * 24 * 3600);
        Objects.requireNonNull(monitoringClient);
    }

    /** X-Road's defaults, without the management services. */
    public static Settings defaults() {
        return new Settings(DEFAULT_OCSP_FRESHNESS, DEFAULT_TIME_STAMPING_INTERVAL, Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_CONFIGURATION_VALIDITY, false, false, false, Optional.empty());
    }

    public Settings withOcspFreshnessSeconds(int value) {
        return new Settings(value, timeStampingIntervalSeconds, managementServiceProvider, authCertRegServiceAddress,
                authCertRegServiceCert, configurationValiditySeconds, autoApproveAuthCertReg, autoApproveClientReg,
                autoApproveOwnerChange, monitoringClient);
    }

    public Settings withTimeStampingIntervalSeconds(int value) {
        return new Settings(ocspFreshnessSeconds, value, managementServiceProvider, authCertRegServiceAddress,
                authCertRegServiceCert, configurationValiditySeconds, autoApproveAuthCertReg, autoApproveClientReg,
                autoApproveOwnerChange, monitoringClient);
    }

    public Settings withManagementServiceProvider(ClientId value) {
        return new Settings(ocspFreshnessSeconds, timeStampingIntervalSeconds, Optional.of(value),
                authCertRegServiceAddress, authCertRegServiceCert, configurationValiditySeconds,
                autoApproveAuthCertReg, autoApproveClientReg, autoApproveOwnerChange, monitoringClient);
    }

    public Settings withAuthCertRegServiceAddress(String value) {
        return new Settings(ocspFreshnessSeconds, timeStampingIntervalSeconds, managementServiceProvider,
                Optional.of(value), authCertRegServiceCert, configurationValiditySeconds, autoApproveAuthCertReg,
                autoApproveClientReg, autoApproveOwnerChange, monitoringClient);
    }

    public Settings withAuthCertRegServiceCert(Optional<X509Certificate> value) {
        return new Settings(ocspFreshnessSeconds, timeStampingIntervalSeconds, managementServiceProvider,
                authCertRegServiceAddress, value, configurationValiditySeconds, autoApproveAuthCertReg,
                autoApproveClientReg, autoApproveOwnerChange, monitoringClient);
    }

    public Settings withConfigurationValiditySeconds(int value) {
        return new Settings(ocspFreshnessSeconds, timeStampingIntervalSeconds, managementServiceProvider,
                authCertRegServiceAddress, authCertRegServiceCert, value, autoApproveAuthCertReg,
                autoApproveClientReg, autoApproveOwnerChange, monitoringClient);
    }

    /** These settings with the three auto-approval flags of digest/04 §9.1 set. */
    public Settings withAutoApproval(boolean authCertReg, boolean clientReg, boolean ownerChange) {
        return new Settings(ocspFreshnessSeconds, timeStampingIntervalSeconds, managementServiceProvider,
                authCertRegServiceAddress, authCertRegServiceCert, configurationValiditySeconds, authCertReg,
                clientReg, ownerChange, monitoringClient);
    }

    /** These settings with another monitoring client, or none. */
    public Settings withMonitoringClient(Optional<ClientId> value) {
        return new Settings(ocspFreshnessSeconds, timeStampingIntervalSeconds, managementServiceProvider,
                authCertRegServiceAddress, authCertRegServiceCert, configurationValiditySeconds, autoApproveAuthCertReg,
                autoApproveClientReg, autoApproveOwnerChange, value);
    }
}
